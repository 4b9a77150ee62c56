import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/user-facing.js';

/** Route ids are positive integers; anything else is a page that does not exist (404), never a 400 or 500. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,14}$/.test(value)) {
      throw notFound('Diesen Eintrag gibt es nicht.');
    }
    return Number(value);
  }
}
