/**
 * Provider data: the Zoho Self Client scopes the connector asks admins to grant. One list, in the
 * core (the admin page shows it too); the dev console and the simulator's default grant read it here.
 */
export { ZOHO_SCOPE_BUNDLE as ZOHO_PRODUCT_SCOPES } from '../../workflows/core/self-client';
