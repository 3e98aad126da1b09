/**
 * Typed search attribute keys (ZjcInstallation, ZjcSmartConnectedItem). Shared by the schedules module
 * and the workflows (upsertSearchAttributes), so operators can filter runs by tenant and SCI.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../temporal.config';

export const installationKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.installation, SearchAttributeType.KEYWORD);
export const sciKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.sci, SearchAttributeType.KEYWORD);
