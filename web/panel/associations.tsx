/** "Associated Zoho Projects Records": read-only related records in expandable groups. */
import Spinner from '@atlaskit/spinner';
import { useState } from 'react';
import type { AssociationGroup } from '../../server/contract/panel';
import { externalClick } from '../shared/navigation';
import { useLoad } from '../shared/use-load';
import { panelApi } from './api';

function Group({ group, sciId }: { group: AssociationGroup; sciId: string }) {
  const [open, setOpen] = useState(false);
  const id = `assoc-${sciId}-${group.relation}`;
  return (
    <li>
      <button
        type="button"
        className="zjc-expander"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span>
          {open ? '▾' : '▸'} {group.label}
        </span>
        <span className="zjc-muted">{group.records.length}</span>
      </button>
      <ul id={id} hidden={!open} className="zjc-results" data-testid={`assoc-group-${group.relation}`}>
        {group.error && (
          <li role="alert" className="zjc-error">
            {group.error}
          </li>
        )}
        {group.records.length === 0 && !group.error && <li className="zjc-muted">None</li>}
        {group.records.map((r) => (
          <li key={r.id}>
            <div>
              <strong>{r.title}</strong>
              {r.subtitle && <span className="zjc-muted"> · {r.subtitle}</span>}
            </div>
            {r.url && (
              <a href={r.url} target="_blank" rel="noreferrer" onClick={(e) => externalClick(e, r.url!)}>
                Open<span className="zjc-sr-only"> {r.title} in Zoho Projects</span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function Associations({ sciId, version }: { sciId: string; version: number }) {
  const loaded = useLoad(() => panelApi.associations(sciId), [sciId, version]);
  return (
    <section aria-labelledby={`assoc-h-${sciId}`} className="zjc-associations">
      <h4 id={`assoc-h-${sciId}`} className="zjc-subheading">
        Associated Zoho Projects Records
      </h4>
      {loaded.loading && <Spinner size="small" label="Loading associated records" />}
      {loaded.error && (
        <p role="alert" className="zjc-error">
          Associated records could not be loaded: {loaded.error}
        </p>
      )}
      {loaded.data && loaded.data.groups.length === 0 && <p className="zjc-muted">No associated records.</p>}
      {loaded.data && loaded.data.groups.length > 0 && (
        <ul className="zjc-results">
          {loaded.data.groups.map((g) => (
            <Group key={g.relation} group={g} sciId={sciId} />
          ))}
        </ul>
      )}
    </section>
  );
}
