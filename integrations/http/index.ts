export { classify, serverWaitMs, ZOHO_THROTTLE_BLOCK_MS } from './classify';
export { apiErrorText, redactSecrets } from './error-text';
export {
  FAILURE_TYPES,
  HttpFailure,
  httpFailure,
  isHttpFailure,
  retryLater,
  toApplicationFailure,
  type Service,
} from './failures';
export { parseJsonSafe } from './json';
export { multipartBody, type MultipartPart } from './multipart';
export {
  createHttpClient,
  readJson,
  sendJson,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from './request';
export type { Classification, FailureKind, FileDownload, FileUpload, OnCall } from './types';
