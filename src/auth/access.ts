import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { forbidden } from '../common/errors/user-facing.js';
import { loginPathFor } from './next-path.js';
import { ANONYMOUS, isAdmin, isMember, type MemberViewer, type RequestWithViewer, type Viewer } from './viewer.js';

/**
 * Thrown when an anonymous viewer reaches something for members. LoginRequiredFilter answers it with
 * a redirect to the login page that returns to the page asked for (GET) — services may throw it too.
 */
export class LoginRequiredException extends HttpException {
  constructor(readonly returnTo = '/') {
    super({ userMessage: 'Bitte melden Sie sich an.' }, HttpStatus.UNAUTHORIZED);
  }
}

/** For services: throws unless the viewer is logged in. */
export function assertMember(viewer: Viewer, returnTo = '/'): asserts viewer is MemberViewer {
  if (!isMember(viewer)) throw new LoginRequiredException(returnTo);
}

/** For services: throws unless the viewer is an administrator (anonymous → login, member → 403). */
export function assertAdmin(viewer: Viewer, returnTo = '/'): asserts viewer is MemberViewer {
  assertMember(viewer, returnTo);
  if (!isAdmin(viewer)) throw forbidden('Diese Seite ist nur für Administratorinnen und Administratoren.');
}

function viewerAndPath(context: ExecutionContext): { viewer: Viewer; returnTo: string } {
  const req = context.switchToHttp().getRequest<RequestWithViewer>();
  const returnTo = req.method === 'GET' || req.method === 'HEAD' ? req.originalUrl : '/';
  return { viewer: req.viewer ?? ANONYMOUS, returnTo };
}

/** Lets logged-in viewers through; anonymous ones are sent to /anmelden?next=… */
@Injectable()
export class MemberGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { viewer, returnTo } = viewerAndPath(context);
    assertMember(viewer, returnTo);
    return true;
  }
}

/** Lets administrators through; anonymous → login, other members → 403 page. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { viewer, returnTo } = viewerAndPath(context);
    assertAdmin(viewer, returnTo);
    return true;
  }
}

/** Controller or handler: members only. */
export const RequireMember = (): MethodDecorator & ClassDecorator => applyDecorators(UseGuards(MemberGuard));

/** Controller or handler: administrators only. */
export const RequireAdmin = (): MethodDecorator & ClassDecorator => applyDecorators(UseGuards(AdminGuard));

/** Answers LoginRequiredException with 303 to the login page (registered globally by AuthModule). */
@Catch(LoginRequiredException)
export class LoginRequiredFilter implements ExceptionFilter {
  catch(exception: LoginRequiredException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (res.headersSent) {
      res.end();
      return;
    }
    const target = loginPathFor(exception.returnTo);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(req.method === 'GET' || req.method === 'HEAD' ? 302 : 303, target);
  }
}
