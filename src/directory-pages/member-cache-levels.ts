import type { Viewer } from '../auth/viewer.js';
import type { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { PeopleEditorService } from '../people/people-editor.service.js';

/**
 * Visibility levels of the directory pages for the member page cache (@MemberCache, src/page-cache):
 * everything a page shows apart from the header's name and the CSRF token follows from the URL, the
 * content version and this level. Each level comes from the rule the page itself applies.
 */

/**
 * Person page and directory list: contact details and internal bodies follow from being a member
 * (contact-visibility, seesInternalBodies), the edit links from PeopleEditorService.permissions.
 * Nothing on them depends on who the member is (no "own entry" link, no form values, no flash).
 */
export function directoryLevel(editor: PeopleEditorService, viewer: Viewer): string {
  return editor.permissions(viewer).canEdit ? 'admin' : 'member';
}

/**
 * Body page: administrators (edit links, canManage), the body's officers (canManageBody: member
 * administration, quorum, polls, circulars, contact rows for officers), current members of the body
 * (links to its polls and circulars, BodyPageController's `sitsOnBody`) and other members.
 */
export async function bodyPageLevel(policy: BodyPolicyService, viewer: Viewer, params: Readonly<Record<string, string>>): Promise<string | null> {
  if (viewer.kind !== 'member') return null;
  const bodyId = Number(params.id);
  if (!Number.isSafeInteger(bodyId) || bodyId <= 0) return null;
  if (viewer.isAdmin) return 'admin';
  if (await policy.canManageBody(viewer, bodyId)) return 'officer';
  if (viewer.personId !== null && (await policy.currentMemberIds(bodyId)).includes(viewer.personId)) return 'seated';
  return 'member';
}
