import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity.js';
import { Person } from '../people/person.entity.js';

/** The directory totals shown on the start page. */
@Injectable()
export class HomeRepository {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  countPeople(): Promise<number> {
    return this.people.count();
  }

  countOrganisations(): Promise<number> {
    return this.organisations.count();
  }
}
