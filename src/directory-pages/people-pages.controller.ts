import { Controller, Get, Inject, Param, Query, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { languageLabel } from '../people/person-labels.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  LETTER_GROUPS,
  type LetterFilter,
  letterParam,
  OTHER_SCRIPTS,
  parseFilterId,
  parseLanguageCode,
  parseLetter,
} from '../people/directory-query.js';
import { PeopleEditorService } from '../people/people-editor.service.js';
import { directoryRow, personCardView } from '../people/people.view-model.js';
import { type BodyFilteredDirectoryPage, DirectoryPagesService } from './directory-pages.service.js';
import { personMembershipView } from './directory-pages.view-model.js';
import { MemberCache } from '../page-cache/member-page-cache.js';
import { directoryLevel } from './member-cache-levels.js';

const PAGE_SIZE = 25;

type DirectoryFilters = BodyFilteredDirectoryPage['filters'];

/** The directory URL for these filters; `overrides` replace single values (undefined removes one). */
function directoryHref(filters: DirectoryFilters, overrides: Partial<DirectoryFilters> & { page?: number } = {}): string {
  const f = { ...filters, ...overrides };
  return `/personen${queryString({
    q: f.q,
    organisation: f.organisationId,
    body: f.bodyId,
    language: f.language,
    topic: f.topicId,
    letter: letterParam(f.letter),
    page: overrides.page !== undefined && overrides.page > 1 ? overrides.page : undefined,
  })}`;
}

/** The member directory (filterable by body) and a person's page (with their memberships). */
@Controller('personen')
export class PeoplePagesController {
  constructor(
    private readonly pages: DirectoryPagesService,
    private readonly editor: PeopleEditorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('directory-pages/directory')
  @MemberCache(PeopleEditorService, directoryLevel)
  async index(
    @Query('q') rawQ: unknown,
    @Query('organisation') rawOrganisation: unknown,
    @Query('body') rawBody: unknown,
    @Query('language') rawLanguage: unknown,
    @Query('topic') rawTopic: unknown,
    @Query('letter') rawLetter: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
  ) {
    const result = await this.pages.directory(
      {
        q: queryText(rawQ),
        organisationId: parseFilterId(rawOrganisation),
        bodyId: parseFilterId(rawBody),
        language: parseLanguageCode(rawLanguage),
        topicId: parseFilterId(rawTopic),
        letter: parseLetter(rawLetter),
        page: pageRequest(rawPage, PAGE_SIZE),
      },
      viewer,
    );
    const f = result.filters;
    const letterEntry = (letter: LetterFilter | undefined, label: string, available: boolean) => ({
      label,
      title: letter === OTHER_SCRIPTS ? 'Namen in anderen Schriften (z. B. Kyrillisch, Arabisch)' : null,
      href: available ? directoryHref(f, { letter }) : null,
      current: letter === f.letter,
    });
    const organisationName = result.options.organisations.find((o) => o.id === f.organisationId)?.name;
    const topicName = result.options.topics.find((t) => t.id === f.topicId)?.name;
    const bodyName = result.options.bodies.find((b) => b.id === f.bodyId)?.name;
    const activeFilters = [
      f.q ? `Name: „${f.q}“` : null,
      organisationName ? `Organisation: ${organisationName}` : null,
      bodyName ? `Gremium: ${bodyName}` : null,
      f.language ? `Sprache: ${languageLabel(f.language)}` : null,
      topicName ? `Thema: ${topicName}` : null,
      f.letter ? `Anfangsbuchstabe: ${f.letter === OTHER_SCRIPTS ? 'andere Schriften' : f.letter.toUpperCase()}` : null,
    ].filter((s): s is string => s !== null);
    return {
      pageTitle: result.page > 1 ? `Personen – Seite ${result.page}` : 'Personen',
      newHref: this.editor.permissions(viewer).canEdit ? '/personen/neu' : null,
      q: f.q,
      letterValue: letterParam(f.letter) ?? null,
      organisations: result.options.organisations.map((o) => ({ value: o.id, label: o.name, selected: o.id === f.organisationId })),
      bodies: result.options.bodies.map((b) => ({ value: b.id, label: b.name, selected: b.id === f.bodyId })),
      languages: result.options.languages.map((code) => ({ value: code, label: languageLabel(code), selected: code === f.language })),
      topics: result.options.topics.map((t) => ({ value: t.id, label: t.name, selected: t.id === f.topicId })),
      letters: [
        letterEntry(undefined, 'Alle', true),
        ...LETTER_GROUPS.map((l) =>
          letterEntry(l, l === OTHER_SCRIPTS ? 'Andere Schriften' : l.toUpperCase(), result.lettersWithPeople.has(l)),
        ),
      ],
      activeFilters,
      resetHref: activeFilters.length > 0 ? '/personen' : null,
      resultHeading: result.total === 0 ? 'Keine Personen gefunden' : result.total === 1 ? '1 Person' : `${result.total} Personen`,
      rows: result.entries.map(directoryRow),
      pager: pageView({ page: result.page, pageSize: result.pageSize, offset: 0 }, result.total, (n) => directoryHref(f, { page: n })),
    };
  }

  @Get(':id')
  @Render('directory-pages/person')
  @MemberCache(PeopleEditorService, directoryLevel)
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { card, memberships } = await this.pages.personPage(id, viewer);
    const person = {
      ...personCardView(card),
      currentMemberships: memberships.current.map((m) => personMembershipView(m, 'current')),
      upcomingMemberships: memberships.upcoming.map((m) => personMembershipView(m, 'upcoming')),
      formerMemberships: memberships.former.map((m) => personMembershipView(m, 'ended')),
    };
    const canEdit = this.editor.permissions(viewer).canEdit;
    return {
      pageTitle: person.name,
      person,
      pageUrl: `${this.config.baseUrl}/personen/${person.id}`,
      editActions: canEdit
        ? {
            editHref: `/personen/${id}/bearbeiten`,
            consentHref: `/personen/${id}/einwilligung`,
            privacyHref: `/personen/${id}/datenschutz`,
            removeHref: `/personen/${id}/entfernen`,
          }
        : null,
    };
  }
}
