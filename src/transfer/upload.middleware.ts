import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

/** Largest CSV file accepted (a directory of thousands of people fits easily). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface UploadRequest extends Request {
  file?: Express.Multer.File;
  /** German message when the upload itself failed (too large, too many files …). */
  uploadError?: string;
}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000 } }).single('datei');

/**
 * Parses the multipart upload BEFORE guards run, so the CSRF guard finds the form's `_csrf` field.
 * Upload errors never throw: they are put on the request for the controller to show at the field.
 */
export function uploadMiddleware(req: Request, res: Response, next: NextFunction): void {
  upload(req, res, (err: unknown) => {
    if (err) {
      const code = err instanceof multer.MulterError ? err.code : '';
      (req as UploadRequest).uploadError =
        code === 'LIMIT_FILE_SIZE' ? `Die Datei ist zu groß (höchstens ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).` : 'Die Datei konnte nicht gelesen werden. Bitte laden Sie genau eine CSV-Datei hoch.';
    }
    next();
  });
}
