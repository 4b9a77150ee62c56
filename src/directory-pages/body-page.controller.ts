import { Controller, Get, Inject, Param, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { BodiesEditorService } from '../bodies/bodies-editor.service.js';
import { bodySummary, formerMemberRow, foundedDate, roleGroups, upcomingMemberRow } from '../bodies/bodies.view-model.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { subscriptionLinks } from '../meetings/subscription-links.js';
import { upcomingMeetingsView } from '../meetings/meetings.view-model.js';
import { recentDecisionsView } from '../minutes/minutes.view-model.js';
import { PollsService } from '../polls/polls.service.js';
import { DirectoryPagesService } from './directory-pages.service.js';
import { MemberCache } from '../page-cache/member-page-cache.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { bodyPageLevel } from './member-cache-levels.js';

/** A body's page: facts, members (current, upcoming, former), its next meetings (with the body's own feed) and recent decisions. */
@Controller('gremien')
export class BodyPageController {
  constructor(
    private readonly pages: DirectoryPagesService,
    private readonly editor: BodiesEditorService,
    private readonly polls: PollsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  @Render('directory-pages/body')
  @MemberCache(BodyPolicyService, bodyPageLevel)
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { body, current, upcoming, former, canManage, upcomingMeetings, recentDecisions } = await this.pages.bodyPage(id, viewer);
    const canEdit = this.editor.canEdit(viewer);
    // date polls: officers start them; current members see them once there are some (src/polls)
    const sitsOnBody = viewer.kind === 'member' && viewer.personId !== null && current.some((m) => m.personId === viewer.personId);
    const pollsHref = canManage || (sitsOnBody && (await this.polls.countForBody(id)) > 0) ? `/gremien/${id}/terminumfragen` : null;
    return {
      pageTitle: body.name,
      body: {
        ...bodySummary({ body, currentMemberCount: new Set(current.map((m) => m.personId)).size }),
        foundedDate: foundedDate(body),
        description: body.description,
      },
      editHref: canEdit ? `/gremien/${id}/bearbeiten` : null,
      removeHref: canEdit ? `/gremien/${id}/entfernen` : null,
      addMembershipHref: canManage ? `/gremien/${id}/mitgliedschaften/neu` : null,
      quorumHref: canManage ? `/gremien/${id}/beschlussfaehigkeit` : null,
      pollsHref,
      // circulars: the archive for current members, the form for officers (src/circulars)
      circularsHref: canManage || sitsOnBody ? `/gremien/${id}/rundschreiben` : null,
      canManage,
      vcardHref: current.length > 0 ? `/gremien/${body.id}/vcard` : null,
      roleGroups: roleGroups(current, canManage),
      upcomingMembers: upcoming.map((m) => upcomingMemberRow(m, canManage)),
      formerMembers: former.map((m) => formerMemberRow(m, canManage)),
      upcomingMeetings: upcomingMeetingsView(upcomingMeetings, body.id),
      bodyFeed: subscriptionLinks(this.config.baseUrl, `/gremien/${body.id}/sitzungen.ics`),
      recentDecisions: recentDecisionsView(recentDecisions),
      recentDecisionsHref: `/beschluesse?gremium=${body.id}`,
    };
  }
}
