import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller.js';
import { AccountPeopleModule } from './account-people.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AdminGuard, MemberGuard } from './access.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { AdminAccountsController } from './admin-accounts.controller.js';
import { AuthBootstrapService } from './auth-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CsrfGuard } from './csrf.js';
import { DevicePasswordsController } from './device-passwords.controller.js';
import { DevicePasswordsService } from './device-passwords.service.js';
import { EmailChangeService } from './email-change.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordResetController } from './password-reset.controller.js';
import { PasswordResetService } from './password-reset.service.js';
import { SessionBoundTokens } from './session-bound-token.service.js';
import { SessionMaintenanceService } from './session-maintenance.service.js';
import { TypeOrmSessionStore } from './session-store.js';

/**
 * Accounts, login/logout, database sessions, CSRF and guards. The guards (@RequireMember() /
 * @RequireAdmin()) need no import; per-body rights are bodies/BodyPolicyService.
 * Wired into the HTTP pipeline by configureSecurity() and configureAuth() (auth.setup.ts) from configureApp.
 */
@Module({
  imports: [AccountPeopleModule, AuditModule],
  controllers: [AuthController, AccountController, AdminAccountsController, PasswordResetController, DevicePasswordsController],
  providers: [
    PasswordHasher,
    AccountsRepository,
    AccountsService,
    AuthService,
    PasswordResetService,
    EmailChangeService,
    LoginThrottleService,
    TypeOrmSessionStore,
    AuthBootstrapService,
    SessionMaintenanceService,
    SessionBoundTokens,
    DevicePasswordsService,
    MemberGuard,
    AdminGuard,
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [AccountsService, MemberGuard, AdminGuard, PasswordHasher, SessionBoundTokens, LoginThrottleService, DevicePasswordsService],
})
export class AuthModule {}
