import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { MEMBERSHIP_ROLE_LABELS, ORGANISATION_KIND_LABELS } from '../common/labels.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { personDisplayName } from '../people/person-name.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation.entity.js';
import { addressLines, organisationSummary } from './organisations.view-model.js';
import { OrganisationsService } from './organisations.service.js';

const PAGE_SIZE = 30;

function parseKind(raw: unknown): OrganisationKind | undefined {
  const text = queryText(raw, 40);
  return (ORGANISATION_KINDS as readonly string[]).includes(text) ? (text as OrganisationKind) : undefined;
}

@Controller('organisationen')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Render('organisations/index')
  async index(@Query('kind') rawKind: unknown, @Query('page') rawPage: unknown) {
    const kind = parseKind(rawKind);
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [items, total] = await this.organisations.list(kind, req.offset, req.pageSize);
    return {
      pageTitle: 'Organisationen',
      organisations: items.map(organisationSummary),
      kinds: ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k], selected: k === kind })),
      kindLabel: kind ? ORGANISATION_KIND_LABELS[kind] : null,
      pager: pageView(req, total, (n) => `/organisationen${queryString({ kind, page: n })}`),
    };
  }

  @Get(':id')
  @Render('organisations/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { organisation: o, children, people, representations } = await this.organisations.detail(id, viewer);
    return {
      pageTitle: o.name,
      organisation: {
        ...organisationSummary(o),
        parentHref: o.parentId ? `/organisationen/${o.parentId}` : null,
        addressLines: addressLines(o),
        phone: o.phone,
        fax: o.fax,
        email: o.email,
        website: o.website,
        description: o.description,
      },
      children: children.map(organisationSummary),
      people: people.map((p) => ({
        href: `/personen/${p.id}`,
        name: personDisplayName(p),
        functionTitle: p.functionTitle,
      })),
      representations: representations.map((m) => ({
        bodyName: m.body.name,
        bodyHref: `/gremien/${m.bodyId}`,
        personName: personDisplayName(m.person),
        personHref: `/personen/${m.personId}`,
        roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
      })),
    };
  }
}
