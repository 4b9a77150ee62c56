import { Module } from '@nestjs/common';
import { AccountPeople } from './account-people.js';

/**
 * AccountPeople on its own, so the modules around it import it without a cycle: auth and audit read
 * names through it, people registers its source with it.
 */
@Module({
  providers: [AccountPeople],
  exports: [AccountPeople],
})
export class AccountPeopleModule {}
