import { Controller, Get, Param, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { organisationFactsView, organisationSummary } from '../organisations/organisations.view-model.js';
import { DirectoryPagesService } from './directory-pages.service.js';
import { organisationPersonView, representationView } from './directory-pages.view-model.js';

/** An organisation's page: its facts and units, its people and who represents it in which body. */
@Controller('organisationen')
export class OrganisationPageController {
  constructor(
    private readonly pages: DirectoryPagesService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get(':id')
  @Render('directory-pages/organisation')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { organisation: o, children, people, representations } = await this.pages.organisationPage(id, viewer);
    const canEdit = this.organisations.permissions(viewer).canEdit;
    return {
      pageTitle: o.name,
      editHref: canEdit ? `/organisationen/${o.id}/bearbeiten` : null,
      removeHref: canEdit ? `/organisationen/${o.id}/entfernen` : null,
      organisation: organisationFactsView(o),
      children: children.map(organisationSummary),
      people: people.map(organisationPersonView),
      representations: representations.map(representationView),
    };
  }
}
