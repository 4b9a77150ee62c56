import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { formatBytes } from './document-view.js';

/** Most files in one upload. */
export const MAX_FILES_PER_UPLOAD = 20;

export interface DocumentUploadRequest extends Request {
  files?: Express.Multer.File[] | Record<string, Express.Multer.File[]>;
  /** German message when the upload itself failed (too large, too many files …). */
  uploadError?: string;
}

/** The uploaded files of the field `dateien` (multer's memory storage). */
export function uploadedFiles(req: DocumentUploadRequest): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}

/**
 * Parses a document upload (multipart, field `dateien`, in memory) BEFORE the guards run, so the
 * CSRF guard finds the `_csrf` field. A file over DOCUMENT_MAX_BYTES stops the upload at that size
 * (nothing is kept); errors never throw but are put on the request for the form to show.
 * File names are read as UTF-8 (what browsers send), so names in every script arrive intact.
 */
@Injectable()
export class DocumentUploadMiddleware implements NestMiddleware {
  private readonly upload: ReturnType<multer.Multer['array']>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      defParamCharset: 'utf8',
      limits: { fileSize: config.documents.maxBytes, files: MAX_FILES_PER_UPLOAD, fields: 20, fieldSize: 10_000 },
    }).array('dateien', MAX_FILES_PER_UPLOAD);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.upload(req, res, (err: unknown) => {
      if (err) {
        const code = err instanceof multer.MulterError ? err.code : '';
        (req as DocumentUploadRequest).uploadError =
          code === 'LIMIT_FILE_SIZE'
            ? `Eine Datei ist zu groß: höchstens ${formatBytes(this.config.documents.maxBytes)} je Datei. Es wurde nichts gespeichert.`
            : code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_UNEXPECTED_FILE'
              ? `Höchstens ${MAX_FILES_PER_UPLOAD} Dateien auf einmal. Es wurde nichts gespeichert.`
              : 'Die Dateien konnten nicht vollständig empfangen werden. Es wurde nichts gespeichert – bitte versuchen Sie es noch einmal.';
        // multer leaves no partial body: the form's values are gone with the error, keep what arrived
        if (typeof req.body !== 'object' || req.body === null) req.body = {};
      }
      next();
    });
  }
}
