import { addProject } from './demo-projects';
import { DEMO_PROJECT_IDS, DEMO_USERS, seedTenant } from './demo-tenant';
import { addComment, associateAttachments, setFollowers, storeUpload } from './item-actions';
import type { Json, ZohoItem } from './model';
import { createItem } from './records';
import type { ZohoSimState } from './store';

/** The full demo dataset. */
export function loadDemoData(state: ZohoSimState): void {
  seedTenant(state);
  const now = state.clock.now();
  const day = 86_400_000;
  const [alex, priya, sam] = DEMO_USERS;
  const projects = [
    {
      id: addProject(state, {
        id: DEMO_PROJECT_IDS.website,
        name: 'Website Relaunch',
        prefix: 'EZ1',
        createdMs: now - 30 * day,
      }),
      tag: 'Website',
    },
    {
      id: addProject(state, {
        id: DEMO_PROJECT_IDS.mobile,
        name: 'Mobile App',
        prefix: 'TC3',
        createdMs: now - 20 * day,
      }),
      tag: 'Mobile',
    },
  ];
  for (const [pi, { id, tag }] of projects.entries()) {
    const project = state.projects.get(id)!;
    const ts = state.statuses.tasks;
    const is = state.statuses.issues;
    const tasks: Json[] = [
      {
        name: `${tag}: design landing page`,
        description: '<div>Hero, pricing and signup sections.</div>',
        priority: 'high',
        status: { id: ts[1].id },
        owners_and_work: { owners: [{ zpuid: priya.zpuid }] },
        billing_type: 'billable',
        start_date: '2026-01-05',
        end_date: '2026-01-20',
      },
      {
        name: `${tag}: set up CI pipeline`,
        priority: 'medium',
        owners_and_work: { owners: [{ zpuid: sam.zpuid }] },
        billing_type: 'non_billable',
        customer_reference: 'ACME-17',
      },
      {
        name: `${tag}: write release notes`,
        priority: 'low',
        status: { id: ts[3].id },
        owners_and_work: { owners: [{ zpuid: alex.zpuid }] },
        billing_type: 'billable',
      },
      {
        name: `${tag}: accessibility audit`,
        status: { id: ts[2].id },
        owners_and_work: { owners: [{ zpuid: priya.zpuid }, { zpuid: sam.zpuid }] },
        milestone: { id: project.milestones[0].id },
        reviewer: [{ zpuid: alex.zpuid }],
      },
      { name: `${tag}: performance budget`, priority: 'medium' },
      { name: `${tag}: analytics events`, billing_type: 'billable', milestone: { id: project.milestones[1].id } },
    ];
    const issues: Json[] = [
      {
        name: `${tag}: login button misaligned on Safari`,
        description: '<div>Steps: open login on Safari 17.</div>',
        severity: { id: state.severities[1].id },
        assignee: { zpuid: sam.zpuid },
        billing_type: 'billable',
      },
      {
        name: `${tag}: crash when uploading large avatar`,
        severity: { id: state.severities[3].id },
        status: { id: is[1].id },
        assignee: { zpuid: priya.zpuid },
        billing_type: 'non_billable',
      },
      { name: `${tag}: typo in footer`, status: { id: is[3].id }, flag: 'external' },
      { name: `${tag}: slow search results`, severity: { id: state.severities[2].id }, due_date: '2026-02-01' },
    ];
    const created = [
      ...tasks.map((b, i) => ({ module: 'tasks' as const, b, at: now - (10 - i) * day - pi * 3_600_000 })),
      ...issues.map((b, i) => ({ module: 'issues' as const, b, at: now - (8 - i) * day - pi * 3_600_000 })),
    ];
    const items: ZohoItem[] = [];
    for (const [n, c] of created.entries()) {
      const item = createItem(state, project, c.module, c.b, { creator: alex, atMs: c.at });
      if (item instanceof Error) throw item;
      items.push(item);
      if (n % 2 === 0) addComment(state, item, `<div>Kick-off note for ${String(item.json.prefix)}.</div>`, priya);
      if (n % 3 === 0) {
        const att = storeUpload(state, {
          name: `spec-${String(item.json.prefix)}.txt`,
          contentType: 'text/plain',
          content: Buffer.from(`Spec for ${String(item.json.name)}\n`),
          uploader: alex,
        });
        associateAttachments(state, item, [att.id]);
      }
      if (n % 2 === 1) setFollowers(state, item, [sam.zpuid], true);
      // Demo history sits in the past: restore the intended modified time.
      state.touch(item, c.at + 3_600_000);
    }
    // Task ↔ issue associations (set directly: demo history keeps its modified times).
    const [landing, ci] = items;
    const [loginBug, crashBug] = items.slice(tasks.length);
    landing.associatedIds = [loginBug.id, crashBug.id];
    ci.associatedIds = [crashBug.id];
    loginBug.associatedIds = [landing.id];
    crashBug.associatedIds = [landing.id, ci.id];
    project.timelogs = [
      {
        id: state.ids.id(),
        date: '2026-01-06',
        hours: '02:30',
        owner: { zpuid: priya.zpuid, name: priya.name },
        notes: 'Design review',
      },
    ];
  }
}
