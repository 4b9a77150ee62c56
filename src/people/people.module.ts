import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountPersonReads } from './account-person.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { SearchModule } from '../search/search.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AccountPeopleModule } from '../auth/account-people.module.js';
import { OwnEntryController } from './own-entry.controller.js';
import { OwnEntryService } from './own-entry.service.js';
import { PeopleController } from './people.controller.js';
import { PeopleEditorService } from './people-editor.service.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import { PersonLanguage } from './person-language.entity.js';
import { Person } from './person.entity.js';
import { PersonSearchRegistration } from './person-search.js';

@Module({
  imports: [TypeOrmModule.forFeature([Person, PersonLanguage]), OrganisationsModule, SearchModule, AuditModule, AccountPeopleModule],
  controllers: [PeopleController, OwnEntryController],
  providers: [PeopleRepository, PeopleService, PeopleEditorService, OwnEntryService, AccountPersonReads, PersonSearchRegistration],
  exports: [PeopleService, PeopleEditorService],
})
export class PeopleModule {}
