/**
 * The Zoho data centers the product supports, as provider data (ids in the spec's order). Hosts
 * live with the Zoho client (integrations/zoho/data-centers.ts); the HTTP contract, the admin page
 * and the simulators read the ids from here.
 */
export const DATA_CENTER_IDS = ['us', 'eu', 'in', 'au', 'jp', 'cn', 'uk', 'ca', 'sa'] as const;
export type DataCenterId = (typeof DATA_CENTER_IDS)[number];

export function isDataCenterId(value: string): value is DataCenterId {
  return (DATA_CENTER_IDS as readonly string[]).includes(value);
}
