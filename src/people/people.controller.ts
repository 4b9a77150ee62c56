import { Body, Controller, Get, Inject, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { languageLabel } from './person-labels.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  LETTER_GROUPS,
  type LetterFilter,
  letterParam,
  OTHER_SCRIPTS,
  parseFilterId,
  parseLanguageCode,
  parseLetter,
} from './directory-query.js';
import { PersonDto, personInput } from './dto/person.dto.js';
import { PERSON_FORM, REMOVE_PERSON_FORM } from './people.forms.js';
import { consentText, NEW_PERSON_VALUES, organisationOptions, personFormValues } from './people-form.view-model.js';
import { PeopleEditorService } from './people-editor.service.js';
import { type AppliedDirectoryFilters, PeopleService } from './people.service.js';
import type { Person } from './person.entity.js';
import { directoryRow, personCardView } from './people.view-model.js';
import { personDisplayName } from './person-name.js';
import { personVCard, vCardDisposition } from './person-vcard.js';

const PAGE_SIZE = 25;

/** The directory URL for these filters; `overrides` replace single values (undefined removes one). */
function directoryHref(filters: AppliedDirectoryFilters, overrides: Partial<AppliedDirectoryFilters> & { page?: number } = {}): string {
  const f = { ...filters, ...overrides };
  return `/personen${queryString({
    q: f.q,
    organisation: f.organisationId,
    body: f.bodyId,
    language: f.language,
    letter: letterParam(f.letter),
    page: overrides.page !== undefined && overrides.page > 1 ? overrides.page : undefined,
  })}`;
}

@Controller('personen')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly editor: PeopleEditorService,
    private readonly organisations: OrganisationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('people/index')
  async index(
    @Query('q') rawQ: unknown,
    @Query('organisation') rawOrganisation: unknown,
    @Query('body') rawBody: unknown,
    @Query('language') rawLanguage: unknown,
    @Query('letter') rawLetter: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
  ) {
    const result = await this.people.directory(
      {
        q: queryText(rawQ),
        organisationId: parseFilterId(rawOrganisation),
        bodyId: parseFilterId(rawBody),
        language: parseLanguageCode(rawLanguage),
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
    const bodyName = result.options.bodies.find((b) => b.id === f.bodyId)?.name;
    const activeFilters = [
      f.q ? `Name: „${f.q}“` : null,
      organisationName ? `Organisation: ${organisationName}` : null,
      bodyName ? `Gremium: ${bodyName}` : null,
      f.language ? `Sprache: ${languageLabel(f.language)}` : null,
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

  @Get('neu')
  @RequireAdmin()
  async newPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const options = organisationOptions(await this.organisations.options());
    res.render('people/form', { ...this.newModel(), form: formView(PERSON_FORM, NEW_PERSON_VALUES, {}, options) });
  }

  @Post('neu')
  @RequireAdmin()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const options = organisationOptions(await this.organisations.options());
    const values = readForm(PERSON_FORM, body);
    const result = await validateForm(PERSON_FORM, PersonDto, values);
    if (!result.ok) return renderInvalid(res, 'people/form', PERSON_FORM, values, result.errors, this.newModel(), options);
    try {
      const saved = await this.editor.create(viewer, personInput(result.value));
      res.redirect(303, `/personen/${saved.id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'people/form', PERSON_FORM, values, e.errors, this.newModel(), options);
      throw e;
    }
  }

  @Get(':id')
  @Render('people/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const person = personCardView(await this.people.card(id, viewer));
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

  @Get(':id/bearbeiten')
  @RequireAdmin()
  async editPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const person = await this.editor.forEditing(viewer, id);
    const options = organisationOptions(await this.organisations.options());
    res.render('people/form', { ...this.editModel(person), form: formView(PERSON_FORM, personFormValues(person), {}, options) });
  }

  @Post(':id/bearbeiten')
  @RequireAdmin()
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.editor.forEditing(viewer, id);
    const options = organisationOptions(await this.organisations.options());
    const model = this.editModel(person);
    const values = readForm(PERSON_FORM, body);
    const result = await validateForm(PERSON_FORM, PersonDto, values);
    if (!result.ok) return renderInvalid(res, 'people/form', PERSON_FORM, values, result.errors, model, options);
    try {
      await this.editor.update(viewer, id, personInput(result.value));
      res.redirect(303, `/personen/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'people/form', PERSON_FORM, values, e.errors, model, options);
      throw e;
    }
  }

  @Get(':id/entfernen')
  @RequireAdmin()
  async removePage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    renderConfirmPage(res, this.removeConfirmation(await this.editor.forEditing(viewer, id)));
  }

  @Post(':id/entfernen')
  @RequireAdmin()
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const page = this.removeConfirmation(await this.editor.forEditing(viewer, id));
    await submitConfirmed(res, page, body, () => this.editor.remove(viewer, id), '/personen');
  }

  @Get(':id/vcard')
  async vcard(
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const contact = await this.people.contact(id, viewer);
    res.setHeader('Content-Type', 'text/vcard; charset=utf-8');
    res.setHeader('Content-Disposition', vCardDisposition(personDisplayName(contact)));
    // What a vCard holds depends on who asks: never cache it in shared caches.
    res.setHeader('Cache-Control', 'private, no-cache');
    return personVCard(contact, { baseUrl: this.config.baseUrl });
  }

  private newModel() {
    return { pageTitle: 'Person anlegen', heading: 'Person anlegen', action: '/personen/neu', cancelHref: '/personen', submitLabel: 'Person anlegen', consent: null };
  }

  private editModel(p: Person) {
    const name = personDisplayName(p);
    return {
      pageTitle: `${name} bearbeiten`,
      heading: `${name} bearbeiten`,
      action: `/personen/${p.id}/bearbeiten`,
      cancelHref: `/personen/${p.id}`,
      submitLabel: 'Änderungen speichern',
      consent: { text: consentText(p), href: `/personen/${p.id}/einwilligung` },
    };
  }

  private removeConfirmation(p: Person): ConfirmPage {
    const name = personDisplayName(p);
    const model = { pageTitle: `${name} entfernen`, name, action: `/personen/${p.id}/entfernen`, cancelHref: `/personen/${p.id}`, privacyHref: `/personen/${p.id}/datenschutz` };
    return { spec: REMOVE_PERSON_FORM, view: 'people/remove', model };
  }
}
