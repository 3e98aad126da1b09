export { createZohoClient, type ZohoClientOptions } from './client';
export {
  createZohoBudget,
  sharedZohoBudget,
  realClock,
  type BudgetClock,
  type ZohoBudget,
  type ZohoBudgetOptions,
} from './budget';
export {
  DATA_CENTER_IDS,
  ZOHO_DATA_CENTERS,
  isDataCenterId,
  listDataCenters,
  zohoHosts,
  type DataCenterId,
  type ZohoDataCenter,
  type ZohoHostOverrides,
  type ZohoHosts,
} from './data-centers';
export {
  ZOHO_AUTH_ERROR_CODES,
  ZohoAuthError,
  connectionProbeError,
  exchangeCode,
  fetchZohoUser,
  refreshAccessToken,
  revokeRefreshToken,
  type ZohoAuthErrorCode,
  type ZohoExchangeResult,
  type ZohoOAuthContext,
  type ZohoTokens,
  type ZohoUserProfile,
} from './oauth';
export { createZohoTokenProvider, type ZohoTokenProvider, type ZohoTokenProviderDeps } from './token-provider';
export { STANDARD_FIELDS, toZohoRecord } from './map';
export type * from './types';
