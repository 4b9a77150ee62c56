import { DateTime } from 'luxon';
import { IsNull, LessThan, Not } from 'typeorm';
import { ZONE } from '../src/common/dates.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { DecisionCounter } from '../src/minutes/decision-counter.entity.js';
import { decisionYear, formatDecisionNumber, nextDecisionSequence } from '../src/minutes/decision-number.js';
import { Decision, type DecisionResult } from '../src/minutes/decision.entity.js';
import { MinutesItem } from '../src/minutes/minutes-item.entity.js';
import { Minutes, type MinutesStatus } from '../src/minutes/minutes.entity.js';
import { approvalMeetingError } from '../src/minutes/minutes-workflow.js';
import { foldText } from '../src/common/text/fold.js';
import type { SeedContext } from './seed-context.js';

/**
 * Demo minutes for the demo meetings (seeds/demo-meetings.seed.ts): every held meeting of a body
 * that has a later meeting gets approved minutes (approved in that later meeting) with attendance,
 * texts, decisions and action items; of the Begleitbeirat (BB) the latest held meeting gets a draft
 * and the one before it circulated minutes. Fictional text only.
 *
 * Deterministic and re-runnable: a meeting that already has minutes is left alone, and the texts
 * are chosen by the meeting's position, never at random.
 */

const OPENINGS = [
  'Die Vorsitzende begrüßt die Anwesenden und stellt die ordnungsgemäße Einladung fest. Die Tagesordnung wird ohne Änderungen angenommen.',
  'Der Vorsitzende eröffnet die Sitzung, begrüßt insbesondere die Gäste und stellt die fristgerechte Einladung fest. Die Tagesordnung wird einstimmig genehmigt.',
];

const ITEM_TEXTS = [
  'Frau Şahin berichtet über die Arbeit der Servicestelle Integration:\n\n- 48 Beratungen im Quartal, davon 19 auf **Arabisch** und 11 auf **Ukrainisch**\n- neue Sprechzeiten dienstags 14–18 Uhr\n\nIn der Aussprache wird angeregt, die Sprechzeiten auch in der [Stadtteilbibliothek](https://www.example.org/bibliothek) anzubieten.',
  'Die Geschäftsführung stellt den Entwurf der Fortschreibung des Integrationskonzeptes vor. Die Mitglieder diskutieren insbesondere die Handlungsfelder *Sprache*, *Arbeit* und *Wohnen*.',
  'Herr Nguyễn berichtet aus der Arbeitsgruppe Sprache und Bildung. Die Wartelisten für Integrationskurse sind weiter lang; Kinderbetreuung während der Kurse fehlt.',
  'Es wird über die Vorbereitung der Interkulturellen Woche beraten. Mehrere Vereine haben Beiträge angemeldet.',
];

const DECISIONS: { text: string; result: DecisionResult; unanimous: boolean; votes: [number, number, number] | null }[] = [
  { text: 'Der Beirat empfiehlt der Stadtverwaltung, die Sprechzeiten der Servicestelle Integration um einen Termin in der Stadtteilbibliothek zu erweitern.', result: 'adopted', unanimous: true, votes: null },
  { text: 'Der Beirat stimmt dem Entwurf der Fortschreibung des Integrationskonzeptes mit den in der Sitzung besprochenen Änderungen zu.', result: 'adopted', unanimous: false, votes: [9, 1, 2] },
  { text: 'Der Antrag, die Sitzungen künftig nur noch online abzuhalten, wird abgelehnt.', result: 'rejected', unanimous: false, votes: [2, 8, 1] },
  { text: 'Die Entscheidung über die Förderung des Sprachcafés wird auf die nächste Sitzung vertagt.', result: 'postponed', unanimous: false, votes: null },
];

const ACTIONS = [
  'Anfrage an die Stadtteilbibliothek wegen eines Beratungsraums stellen',
  'Flyer der Servicestelle auf Arabisch, Ukrainisch und Farsi übersetzen lassen',
  'Stellungnahme zum Integrationskonzept an das Dezernat senden',
  'Liste der Beiträge zur Interkulturellen Woche zusammenstellen',
];

/** The Berlin calendar day of an instant, YYYY-MM-DD. */
const isoDay = (d: Date): string => DateTime.fromJSDate(d).setZone(ZONE).toISODate() ?? '';

/** Add to SeederService after the demo meetings: `if (options.demo) await seedDemoMinutes(ctx);` */
export async function seedDemoMinutes(ctx: SeedContext, now: Date = new Date()): Promise<void> {
  const m = ctx.manager;
  const bodies = await m.getRepository(Body).find({ order: { id: 'ASC' } });
  for (const body of bodies) {
    const held = await m.getRepository(Meeting).find({ where: { bodyId: body.id, state: 'held', startsAt: LessThan(now) }, order: { startsAt: 'ASC', id: 'ASC' } });
    if (held.length === 0) continue;
    const all = await m.getRepository(Meeting).find({ where: { bodyId: body.id, state: Not('cancelled') }, order: { startsAt: 'ASC', id: 'ASC' } });
    for (const [index, meeting] of held.entries()) {
      const fromEnd = held.length - 1 - index;
      // approved only in a later meeting that has taken place (the minutes' approval rule)
      const later = all.find((x) => approvalMeetingError(meeting, x, now) === null) ?? null;
      let status: MinutesStatus | null = later ? 'approved' : null;
      if (body.code === 'BB' && fromEnd === 0) status = 'draft';
      if (body.code === 'BB' && fromEnd === 1) status = 'circulated';
      if (!status) continue;
      await seedMinutesFor(ctx, body, meeting, status, status === 'approved' ? later : null, index);
    }
  }
}

async function seedMinutesFor(ctx: SeedContext, body: Body, meeting: Meeting, status: MinutesStatus, approvedIn: Meeting | null, index: number): Promise<void> {
  const m = ctx.manager;
  if (await m.getRepository(Minutes).findOne({ where: { meetingId: meeting.id } })) return;
  const day = isoDay(meeting.startsAt);
  const memberships = (await m.getRepository(Membership).find({ where: { bodyId: body.id }, order: { id: 'ASC' } })).filter(
    (ms) => (ms.startDate === null || ms.startDate <= day) && (ms.endDate === null || ms.endDate >= day),
  );
  const chair = memberships.find((ms) => ms.role === 'chair') ?? null;
  const secretary = memberships.find((ms) => ms.role === 'secretary') ?? null;
  const minutes = await m.getRepository(Minutes).save(
    m.getRepository(Minutes).create({
      meetingId: meeting.id,
      status,
      chairPersonId: chair?.personId ?? null,
      recorderPersonId: secretary?.personId ?? chair?.personId ?? null,
      openedAt: new Date(meeting.startsAt.getTime() + 5 * 60_000),
      closedAt: new Date(meeting.endsAt.getTime() - 10 * 60_000),
      quorumCheckedAt: new Date(meeting.startsAt.getTime() + 7 * 60_000),
      quorumReached: true,
      openingText: OPENINGS[index % OPENINGS.length],
      otherBusinessText: index % 2 === 0 ? 'Die nächste Sitzung findet wie geplant statt. Hinweise auf Veranstaltungen der Mitglieder werden per E-Mail verteilt.' : null,
      guests: index % 2 === 0 ? 'Dr. Svetlana Ivanova (Jobcenter, Gast zu TOP 2)\nTrần Quốc Bảo (Presse)' : null,
      circulatedAt: status === 'draft' ? null : new Date(meeting.endsAt.getTime() + 7 * 86_400_000),
      approvedInMeetingId: approvedIn?.id ?? null,
      approvedAt: approvedIn ? approvedIn.endsAt : null,
    }),
  );
  ctx.created++;

  // attendance: most come, every fifth is excused, every seventh sends a deputy if the body has one
  const deputies = memberships.filter((ms) => ms.role === 'deputy_member');
  const seen = new Set<number>();
  for (const [i, ms] of memberships.entries()) {
    if (seen.has(ms.personId)) continue;
    seen.add(ms.personId);
    const deputy = ms.votingRight && i % 7 === 3 ? deputies[i % Math.max(1, deputies.length)] : undefined;
    const attended = deputy ? 'excused' : i % 5 === 4 ? 'excused' : 'yes';
    const repo = m.getRepository(Attendance);
    const existing = await repo.findOne({ where: { meetingId: meeting.id, personId: ms.personId } });
    const fields = { attended: attended as Attendance['attended'], deputyPersonId: deputy && deputy.personId !== ms.personId ? deputy.personId : null };
    if (existing) {
      if (existing.attended === null) await repo.update({ id: existing.id }, fields);
    } else {
      await repo.insert({ meetingId: meeting.id, personId: ms.personId, ...fields });
    }
  }

  const agenda = await m.getRepository(AgendaItem).find({ where: { meetingId: meeting.id }, order: { position: 'ASC', id: 'ASC' } });
  for (const [i, item] of agenda.entries()) {
    await m.getRepository(MinutesItem).insert({ minutesId: minutes.id, agendaItemId: item.id, text: ITEM_TEXTS[(index + i) % ITEM_TEXTS.length] });
  }
  const decisionItems = agenda.filter((a) => a.level === 0).slice(0, 2);
  for (const [i, item] of decisionItems.entries()) {
    const d = DECISIONS[(index + i) % DECISIONS.length];
    const year = decisionYear(meeting.startsAt);
    const counterRepo = m.getRepository(DecisionCounter);
    const counter = await counterRepo.findOne({ where: { bodyId: body.id, year } });
    const sequence = nextDecisionSequence(counter?.lastSequence);
    if (counter) await counterRepo.update({ bodyId: body.id, year }, { lastSequence: sequence });
    else await counterRepo.insert({ bodyId: body.id, year, lastSequence: sequence });
    await m.getRepository(Decision).insert({
      minutesId: minutes.id,
      agendaItemId: item.id,
      bodyId: body.id,
      year,
      sequence,
      number: formatDecisionNumber(body.code, year, sequence),
      text: d.text,
      searchText: foldText(d.text),
      unanimous: d.unanimous,
      votesYes: d.votes?.[0] ?? null,
      votesNo: d.unanimous ? 0 : (d.votes?.[1] ?? null),
      votesAbstain: d.unanimous ? 0 : (d.votes?.[2] ?? null),
      result: d.result,
    });
  }
  const responsible = memberships.filter((ms) => ms.role === 'member' || ms.role === 'secretary');
  for (let i = 0; i < Math.min(2, Math.max(1, agenda.length)); i++) {
    const person = responsible.length > 0 ? responsible[(index + i) % responsible.length] : null;
    const due = new Date(meeting.startsAt.getTime() + (i + 1) * 30 * 86_400_000);
    await m.getRepository(ActionItem).insert({
      meetingId: meeting.id,
      agendaItemId: agenda[i]?.id ?? null,
      bodyId: body.id,
      what: ACTIONS[(index + i) % ACTIONS.length],
      responsiblePersonId: person?.personId ?? null,
      responsibleOrganisationId: person ? null : (person ?? chair)?.onBehalfOfId ?? null,
      dueDate: isoDay(due),
      // older items are done, the newest still open (some of them overdue)
      status: status === 'approved' && index % 2 === 0 ? 'done' : 'open',
      doneAt: status === 'approved' && index % 2 === 0 ? new Date(due.getTime() - 3 * 86_400_000) : null,
    });
  }
  if (!(await m.getRepository(ActionItem).exists({ where: { meetingId: meeting.id, responsiblePersonId: IsNull(), responsibleOrganisationId: IsNull() } }))) return;
  // an action item needs someone responsible: fall back to the chair
  await m.getRepository(ActionItem).update({ meetingId: meeting.id, responsiblePersonId: IsNull(), responsibleOrganisationId: IsNull() }, { responsiblePersonId: chair?.personId ?? null });
}
