/** The issue panel's preview of a linked Zoho record reads as Zoho shows it (server/services/panel-view.ts). */
import { preview } from '../../server/services/panel-view';
import type { ItemRow } from '../../server/services/item-store';
import type { ZohoField } from '../../workflows/core/model';
import { record } from './fixtures';

const billingType: ZohoField = {
  id: 'billing_type',
  name: 'Billing Type',
  type: 'picklist',
  custom: true,
  writable: true,
  options: [
    { id: '1', value: 'billable', label: 'Billable' },
    { id: '2', value: 'non_billable', label: 'Non Billable' },
  ],
};
const description: ZohoField = { id: 'description', name: 'Description', type: 'html', custom: false, writable: true };
const displayOnly = {
  mode: 'display_only',
  mappings: [],
  displayFields: ['billing_type', 'description'],
} as unknown as ItemRow;

describe('issue panel preview', () => {
  it.each([
    ['a picklist value shows its Zoho label', { billing_type: 'non_billable' }, 'Non Billable'],
    ['a picklist value without a known option shows as stored', { billing_type: 'retainer' }, 'retainer'],
    ['an empty value shows a dash', {}, '—'],
  ])('%s', (_name, fields, shown) => {
    const rows = preview(displayOnly, record({ fields }), [billingType, description]);
    expect(rows[0]).toEqual({ field: 'billing_type', label: 'Billing Type', value: shown });
  });

  it('rich text shows as plain text', () => {
    const rows = preview(displayOnly, record({ description: '<div>Hero, <b>pricing</b></div>' }), [
      billingType,
      description,
    ]);
    expect(rows[1]).toEqual({ field: 'description', label: 'Description', value: 'Hero, pricing' });
  });
});
