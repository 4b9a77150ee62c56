import { Controller, Get, Inject, Param, Render } from '@nestjs/common';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { effectiveOnlineLink } from '../meetings/location-view.js';
import { subscriptionLinks } from '../meetings/subscription-links.js';
import { formView } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { ATTENDED_LABELS, RSVP_RESPONSE_LABELS } from '../meetings/meeting-labels.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { rsvpClosedReason } from '../meetings/rsvp-rules.js';
import { locationView } from '../meetings/location-view.js';
import { MeetingEditorService } from '../meetings/meeting-editor.service.js';
import { RSVP_FORM } from '../meetings/meetings.forms.js';
import { answerCounts } from '../meetings/attendance-counts.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { longDate, meetingListItem, shortDate, timeRangeLabel } from '../meetings/meetings.view-model.js';
import { MinutesService } from '../minutes/minutes.service.js';
import { minutesLinkView } from '../minutes/minutes.view-model.js';
import { personDisplayName } from '../people/person-name.js';
import { DocumentsService } from '../documents/documents.service.js';
import { meetingDocumentsView } from '../documents/documents.view-model.js';

/**
 * The meeting page (/sitzungen/:id): a composite of the meeting (agenda, attendance, quorum forecast,
 * invitation answer) and its minutes (link to read or start them). Lives above meetings and minutes,
 * so neither of them has to know the other's page.
 */
@Controller()
export class MeetingPageController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly editor: MeetingEditorService,
    private readonly minutes: MinutesService,
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('sitzungen/:id')
  @Render('meeting-page/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { meeting: m, agenda, attendance, viewerMemberships, deputyCandidates } = await this.meetings.detail(id, viewer);
    const online = effectiveOnlineLink(m, m.location);
    const canManage = await this.editor.canManage(viewer, m.bodyId);
    const base = `/sitzungen/${m.id}`;
    const open = m.state !== 'cancelled' && m.state !== 'held';
    const mine = viewer.kind === 'member' ? attendance?.rows.find((r) => r.membership.personId === viewer.personId) : undefined;
    const rsvpClosed = rsvpClosedReason(m, new Date());
    let rsvp = null;
    if (mine && viewerMemberships.length > 0) {
      const deputies = rsvpClosed ? [] : deputyCandidates;
      const options = { deputyPersonId: deputies.map((p) => ({ value: String(p.id), label: personDisplayName(p) })) };
      const current = mine.attendance;
      rsvp = {
        currentLabel: RSVP_RESPONSE_LABELS[current?.response ?? 'none'],
        closedReason: rsvpClosed,
        action: `${base}/antwort`,
        form: formView(
          RSVP_FORM,
          { response: current && current.response !== 'none' ? current.response : 'accepted', deputyPersonId: current?.deputyPersonId ? String(current.deputyPersonId) : '' },
          {},
          options,
        ),
      };
    }
    const minutesLink = minutesLinkView(await this.minutes.linkInfo(m, viewer, new Date(), canManage));
    const documents = meetingDocumentsView(m.id, await this.documents.listOf(m, viewer), canManage);
    return {
      minutesLink,
      documents,
      manage: canManage
        ? {
            editHref: m.state === 'cancelled' ? null : `${base}/bearbeiten`,
            agendaHref: `${base}/tagesordnung`,
            postponeHref: open ? `${base}/verschieben` : null,
            cancelHref: open ? `${base}/absagen` : null,
            inviteHref: open ? `${base}/einladen` : null, // [mail] confirmation page, then the POST
            inviteLabel: m.state === 'invited' ? 'Einladung erneut verschicken' : 'Einladung verschicken',
            letterHref: `${base}/einladung`,
            mailHref: `${base}/versand`, // [mail] status of the meeting's mails (src/mail)
            heldAction: open && m.startsAt.getTime() <= Date.now() ? `${base}/stattgefunden` : null,
          }
        : null,
      rsvp,
      pageTitle: m.title,
      meeting: {
        ...meetingListItem(m),
        longDate: longDate(m.startsAt),
        timeLabel: timeRangeLabel(m.startsAt, m.endsAt),
        cancelReason: m.cancelReason,
        description: m.description,
        invitedOn: m.invitedAt ? shortDate(m.invitedAt) : null,
        onlineLink: online,
        location: m.location ? locationView(m.location) : null,
        icalHref: `/sitzungen/${m.id}/ical`,
      },
      agenda: agenda.map((a) => ({
        number: a.number,
        isSub: a.number.includes('.'),
        title: a.title,
        description: a.description,
        presenter: a.presenter,
        plannedMinutes: a.plannedMinutes,
        isInternal: !a.isPublic,
      })),
      attendance: attendance
        ? {
            rows: attendance.rows.map((r) => ({
              name: personDisplayName(r.membership.person),
              personHref: `/personen/${r.membership.personId}`,
              roleLabel: MEMBERSHIP_ROLE_LABELS[r.membership.role],
              voting: r.membership.votingRight,
              responseLabel: RSVP_RESPONSE_LABELS[r.attendance?.response ?? 'none'],
              deputyName: r.attendance?.deputyPerson ? personDisplayName(r.attendance.deputyPerson) : null,
              attendedLabel: r.attendance?.attended ? ATTENDED_LABELS[r.attendance.attended] : null,
            })),
            quorum: attendance.quorum,
            quorumRule: attendance.quorumRule,
            accepted: attendance.rows.filter((r) => r.attendance?.response === 'accepted').length,
            counts: answerCounts(attendance.rows),
            // [mail] the chair's "Erinnerung an alle ohne Antwort" (src/mail/reminders.service.ts)
            remindAction: canManage && m.state === 'invited' && m.startsAt.getTime() > Date.now() ? `${base}/erinnern` : null,
          }
        : null,
      bodyFeed: subscriptionLinks(this.config.baseUrl, `/gremien/${m.bodyId}/sitzungen.ics`),
      isMember: isMember(viewer),
    };
  }
}
