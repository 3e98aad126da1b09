import type { FieldError } from '../../../server/contract/common';
import type { ItemDraft } from './draft';

export interface StepProps {
  draft: ItemDraft;
  set: (patch: Partial<ItemDraft>) => void;
  errors: FieldError[];
}
