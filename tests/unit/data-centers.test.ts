import { DATA_CENTER_IDS, ZOHO_DATA_CENTERS, listDataCenters, zohoHosts } from '../../integrations/zoho/data-centers';

/** WorkDrive's Download File page: download server per data center (UK not listed there). */
const WORKDRIVE_DOWNLOAD = {
  us: 'https://download.zoho.com',
  eu: 'https://download.zoho.eu',
  in: 'https://download.zoho.in',
  au: 'https://download.zoho.com.au',
  jp: 'https://download.zoho.jp',
  cn: 'https://download.zoho.com.cn',
  uk: 'https://download.zoho.uk',
  ca: 'https://download.zohocloud.ca',
  sa: 'https://files.zoho.sa',
} as const;

describe('Zoho data centers: the nine locations the admin page offers', () => {
  it.each([
    ['us', 'United States', 'https://accounts.zoho.com', 'https://projectsapi.zoho.com', 'https://projects.zoho.com'],
    ['eu', 'Europe', 'https://accounts.zoho.eu', 'https://projectsapi.zoho.eu', 'https://projects.zoho.eu'],
    ['in', 'India', 'https://accounts.zoho.in', 'https://projectsapi.zoho.in', 'https://projects.zoho.in'],
    [
      'au',
      'Australia',
      'https://accounts.zoho.com.au',
      'https://projectsapi.zoho.com.au',
      'https://projects.zoho.com.au',
    ],
    ['jp', 'Japan', 'https://accounts.zoho.jp', 'https://projectsapi.zoho.jp', 'https://projects.zoho.jp'],
    ['cn', 'China', 'https://accounts.zoho.com.cn', 'https://projectsapi.zoho.com.cn', 'https://projects.zoho.com.cn'],
    ['uk', 'United Kingdom', 'https://accounts.zoho.uk', 'https://projectsapi.zoho.uk', 'https://projects.zoho.uk'],
    [
      'ca',
      'Canada',
      'https://accounts.zohocloud.ca',
      'https://projectsapi.zohocloud.ca',
      'https://projects.zohocloud.ca',
    ],
    ['sa', 'Saudi Arabia', 'https://accounts.zoho.sa', 'https://projectsapi.zoho.sa', 'https://projects.zoho.sa'],
  ] as const)('%s → %s', (id, name, accounts, api, web) => {
    expect(ZOHO_DATA_CENTERS[id]).toEqual({ id, name, accounts, api, web, workdrive: WORKDRIVE_DOWNLOAD[id] });
  });

  it('lists all nine in the spec order', () => {
    expect(listDataCenters().map((d) => d.name)).toEqual([
      'United States',
      'Europe',
      'India',
      'Australia',
      'Japan',
      'China',
      'United Kingdom',
      'Canada',
      'Saudi Arabia',
    ]);
    expect(Object.keys(ZOHO_DATA_CENTERS).sort()).toEqual([...DATA_CENTER_IDS].sort());
  });

  it('host overrides (simulators, proxies) apply to every data center', () => {
    const o = {
      ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4000/',
      ZOHO_API_URL: 'http://127.0.0.1:4000',
      ZOHO_WEB_URL: 'http://127.0.0.1:4001',
      ZOHO_WORKDRIVE_URL: 'http://127.0.0.1:4002/',
    };
    for (const id of DATA_CENTER_IDS) {
      const h = zohoHosts(id, o);
      expect([h.accounts, h.api, h.web]).toEqual([
        'http://127.0.0.1:4000',
        'http://127.0.0.1:4000',
        'http://127.0.0.1:4001',
      ]);
      expect(h.workdrive).toBe('http://127.0.0.1:4002');
      expect(h.name).toBe(ZOHO_DATA_CENTERS[id].name);
    }
  });

  it('without overrides the table hosts are used', () => {
    expect(zohoHosts('ca').accounts).toBe('https://accounts.zohocloud.ca');
  });
});
