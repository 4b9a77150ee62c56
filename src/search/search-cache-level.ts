import type { Viewer } from '../auth/viewer.js';
import type { SearchService } from './search.service.js';

/**
 * The search page's visibility level for the member page cache (@MemberCache, src/page-cache): what
 * a member finds is the search scope (SearchService.scopeOf: member, and the bodies whose editors'
 * documents they see); administrators see everything. Nothing else on the page is personal.
 */
export async function searchLevel(search: SearchService, viewer: Viewer): Promise<string | null> {
  if (viewer.kind !== 'member') return null;
  if (viewer.isAdmin) return 'admin';
  const scope = await search.scopeOf(viewer);
  return `member:${scope.editorBodies === 'all' ? 'all' : [...scope.editorBodies].sort((a, b) => a - b).join(',')}`;
}
