/** Public API of the pure sync core: workflows, activities and the server import from here. */
export * from './model';
export * from './capabilities';
export * from './mapping';
export * from './sci-validation';
export * from './status-match';
export * from './status-walk';
export * from './rules';
export * from './echo';
export * from './conflict';
export * from './plan';
export * from './fingerprint';
export * from './totals';
export * from './attention';
export * from './sync-activity';
export * from './data-centers';
export * from './link-preview';
export { zohoFieldValue } from './record-fields';
export * from './values';
