/** The Self Client scope bundle is provider data, read by the product and by the simulator's default grant. */
import { ZOHO_PRODUCT_SCOPES } from '../../integrations/zoho/scopes';
import { ZOHO_PRODUCT_SCOPES as SIM_DEFAULT_GRANT } from '../../sim/zoho';

describe('Zoho scope bundle (the setup guide\'s "Required OAuth scopes")', () => {
  it.each([
    'ZohoProjects.tasks.CREATE',
    'ZohoProjects.tasks.UPDATE',
    'ZohoProjects.tasks.Read',
    'ZohoProjects.bugs.CREATE',
    'ZohoProjects.bugs.UPDATE',
    'ZohoProjects.bugs.Read',
    'ZohoProjects.portals.Read',
    'ZohoProjects.projects.Read',
    'ZohoProjects.custom_fields.READ',
    'ZohoPC.files.CREATE',
    'WorkDrive.files.ALL',
    'AaaServer.profile.Read',
  ])('asks for %s', (scope) => expect(ZOHO_PRODUCT_SCOPES).toContain(scope));

  it('lists each scope once', () => expect(new Set(ZOHO_PRODUCT_SCOPES).size).toBe(ZOHO_PRODUCT_SCOPES.length));

  it('is what the simulator grants by default (the simulator reads the product fact, never the reverse)', () => {
    expect(SIM_DEFAULT_GRANT).toBe(ZOHO_PRODUCT_SCOPES);
  });
});
