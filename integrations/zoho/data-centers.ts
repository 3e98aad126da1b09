/**
 * Zoho data centers as data: one row per DC with its accounts (OAuth), Projects API and web hosts.
 * Canada lives on zohocloud.ca (not .ca). Hosts can be overridden for every DC at once (simulators,
 * proxies) through ZOHO_ACCOUNTS_URL / ZOHO_API_URL / ZOHO_WEB_URL / ZOHO_WORKDRIVE_URL.
 */
import { DATA_CENTER_IDS, isDataCenterId, type DataCenterId } from '../../workflows/core/data-centers';

export { DATA_CENTER_IDS, isDataCenterId, type DataCenterId };

export interface ZohoHosts {
  /** OAuth server origin, e.g. https://accounts.zoho.eu */
  accounts: string;
  /** Projects REST API origin, e.g. https://projectsapi.zoho.eu */
  api: string;
  /** Projects web UI origin, e.g. https://projects.zoho.eu */
  web: string;
  /** WorkDrive download server (attachments without a download_url), e.g. https://download.zoho.eu */
  workdrive: string;
}

export interface ZohoDataCenter extends ZohoHosts {
  id: DataCenterId;
  /** As the product spec names it in the admin page. */
  name: string;
}

// WorkDrive's Download File page lists its download server per DC: download.<domain>, except SA (files.zoho.sa).
const dc = (
  id: DataCenterId,
  name: string,
  domain: string,
  workdrive = `https://download.${domain}`,
): ZohoDataCenter => ({
  id,
  name,
  accounts: `https://accounts.${domain}`,
  api: `https://projectsapi.${domain}`,
  web: `https://projects.${domain}`,
  workdrive,
});

export const ZOHO_DATA_CENTERS: Readonly<Record<DataCenterId, ZohoDataCenter>> = {
  us: dc('us', 'United States', 'zoho.com'),
  eu: dc('eu', 'Europe', 'zoho.eu'),
  in: dc('in', 'India', 'zoho.in'),
  au: dc('au', 'Australia', 'zoho.com.au'),
  jp: dc('jp', 'Japan', 'zoho.jp'),
  cn: dc('cn', 'China', 'zoho.com.cn'),
  // UK is not on WorkDrive's download-server list: download.zoho.uk is UNCONFIRMED.
  uk: dc('uk', 'United Kingdom', 'zoho.uk'),
  // Projects host on zohocloud.ca is UNCONFIRMED (zoho.md); accounts host is confirmed.
  ca: dc('ca', 'Canada', 'zohocloud.ca'),
  sa: dc('sa', 'Saudi Arabia', 'zoho.sa', 'https://files.zoho.sa'),
};

/** Host overrides applied to every data center (read from config/env by the caller). */
export interface ZohoHostOverrides {
  ZOHO_ACCOUNTS_URL?: string;
  ZOHO_API_URL?: string;
  ZOHO_WEB_URL?: string;
  ZOHO_WORKDRIVE_URL?: string;
}

const origin = (url: string): string => url.replace(/\/+$/, '');

/** The hosts to use for a data center, after overrides. Unknown ids throw (a config bug, not user input). */
export function zohoHosts(id: DataCenterId, overrides: ZohoHostOverrides = {}): ZohoDataCenter {
  const base = ZOHO_DATA_CENTERS[id];
  if (!base) throw new Error(`Unknown Zoho data center "${id}"`);
  return {
    ...base,
    accounts: overrides.ZOHO_ACCOUNTS_URL ? origin(overrides.ZOHO_ACCOUNTS_URL) : base.accounts,
    api: overrides.ZOHO_API_URL ? origin(overrides.ZOHO_API_URL) : base.api,
    web: overrides.ZOHO_WEB_URL ? origin(overrides.ZOHO_WEB_URL) : base.web,
    workdrive: overrides.ZOHO_WORKDRIVE_URL ? origin(overrides.ZOHO_WORKDRIVE_URL) : base.workdrive,
  };
}

/** The list the admin page offers, in the spec's order. */
export function listDataCenters(): Array<{ id: DataCenterId; name: string }> {
  return DATA_CENTER_IDS.map((id) => ({ id, name: ZOHO_DATA_CENTERS[id].name }));
}
