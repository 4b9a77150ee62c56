import { Injectable } from '@nestjs/common';
import { argon2id, hash as argon2Hash, needsRehash as argon2NeedsRehash, verify as argon2Verify } from 'argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane); ASVS 2.4.1. */
export const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes and verifies passwords with argon2id. */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified against when an email is unknown so both cases take as long. */
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2Hash(password, ARGON2_OPTIONS);
  }

  async verify(digest: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify(digest, password);
    } catch {
      return false; // a malformed hash never matches
    }
  }

  /** Spends the time of one verification without any account. */
  async verifyNothing(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
  }

  /** True when the hash was made with other parameters than today's (then it is rehashed at login). */
  needsRehash(digest: string): boolean {
    try {
      return argon2NeedsRehash(digest, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }

  /** A random password for generated accounts: 20 characters from a 56-symbol alphabet (≈ 116 bits). */
  static randomPassword(length = 20): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const bytes = randomBytes(length * 2);
    let out = '';
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      // rejection sampling keeps every symbol equally likely
      if (bytes[i] < 256 - (256 % alphabet.length)) out += alphabet[bytes[i] % alphabet.length];
    }
    return out.length === length ? out : PasswordHasher.randomPassword(length);
  }
}
