/** Reading a field of a normalised Zoho record by its api name, standard fields included. */
import type { ZohoRecord } from './model';

export function zohoFieldValue(record: ZohoRecord, fieldId: string): unknown {
  if (fieldId in record.fields) return record.fields[fieldId];
  switch (fieldId) {
    case 'name':
      return record.name;
    case 'description':
      return record.description;
    case 'status':
      return record.status;
    case 'key':
    case 'prefix':
      return record.key;
    default:
      return undefined;
  }
}
