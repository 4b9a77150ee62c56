import type { Page } from 'playwright-core';
import type { DomElement, DomWindow } from './keyboard.js';

/** Structural checks axe does not make (or not in this form); each entry is a German-independent problem text. */
export interface StructureReport {
  problems: string[];
}

/**
 * lang="de"; one h1; banner, navigation, main and contentinfo landmarks; the footer link to the
 * accessibility statement; every form control labelled; every invalid field tied to its error message
 * (aria-invalid + aria-describedby pointing at an existing message) and every message tied to a field.
 */
export async function structureProblems(page: Page, options: { layout: boolean }): Promise<string[]> {
  return page.evaluate((layout) => {
    const w = globalThis as unknown as DomWindow;
    const d = w.document;
    const problems: string[] = [];
    const all = (sel: string): DomElement[] => Array.from(d.querySelectorAll(sel));
    const describe = (el: DomElement): string => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}>`;

    if (d.documentElement.getAttribute('lang') !== 'de') problems.push(`html lang is "${d.documentElement.getAttribute('lang')}", not "de"`);
    const h1 = all('h1').length;
    if (h1 !== 1) problems.push(`${h1} h1 headings instead of one`);
    if (layout) {
      if (all('body > header, [role="banner"]').length !== 1) problems.push('no single banner landmark (header)');
      if (all('nav, [role="navigation"]').length < 1) problems.push('no navigation landmark');
      if (all('main, [role="main"]').length !== 1) problems.push('no single main landmark');
      if (all('body > footer, [role="contentinfo"]').length !== 1) problems.push('no single contentinfo landmark (footer)');
      if (all('footer a[href="/barrierefreiheit"]').length !== 1) problems.push('footer does not link the accessibility statement');
      const skip = d.querySelector('a.skip-link');
      if (!skip || skip.getAttribute('href') !== '#inhalt' || !d.querySelector('main#inhalt')) problems.push('skip link to main#inhalt missing');
    }

    for (const el of all('input, select, textarea')) {
      const type = (el.getAttribute('type') ?? '').toLowerCase();
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
      const id = el.id;
      const labelled =
        (id !== '' && d.querySelector(`label[for="${id}"]`) !== null) ||
        el.closest('label') !== null ||
        (el.getAttribute('aria-label') ?? '').trim() !== '' ||
        (el.getAttribute('aria-labelledby') ?? '').trim() !== '';
      if (!labelled) problems.push(`form control without label: ${describe(el)}`);
    }

    for (const el of all('[aria-invalid="true"]')) {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x !== '');
      const messages = ids.map((x) => d.querySelector(`[id="${x}"]`)).filter((m): m is DomElement => m !== null);
      if (ids.length !== messages.length) problems.push(`${describe(el)} aria-describedby names missing ids: ${ids.join(' ')}`);
      if (!messages.some((m) => (m.textContent ?? '').includes('Fehler'))) problems.push(`${describe(el)} is invalid but not described by an error message`);
    }
    for (const message of all('.field__error')) {
      const field = message.id ? d.querySelector(`[aria-describedby~="${message.id}"]`) : null;
      if (!field) problems.push(`error message ${message.id ? `#${message.id}` : '(no id)'} is not tied to a field`);
      else if (field.getAttribute('aria-invalid') !== 'true') problems.push(`${describe(field)} has an error message but no aria-invalid`);
    }
    return problems;
  }, options.layout);
}

/** The few more DOM members the layout checks read (the page's own types are not in this Node project). */
interface BoxElement extends DomElement {
  scrollWidth: number;
  clientWidth: number;
  previousElementSibling: BoxElement | null;
  classList: { contains(name: string): boolean };
  children: ArrayLike<BoxElement>;
  querySelector(selector: string): BoxElement | null;
  querySelectorAll(selector: string): ArrayLike<BoxElement>;
  getBoundingClientRect(): { top: number; left: number; width: number; height: number; bottom: number };
}

/**
 * WCAG 1.4.10 reflow: the page never scrolls sideways (documentElement.scrollWidth <= clientWidth), and
 * inside it only an explicitly marked scroll container may: role="region" with a label, tabindex="0"
 * (keyboard users can scroll it) and a visible hint (.scroll-hint, "Tabelle seitlich scrollbar") in
 * front of it or inside it. Returns null or what is wrong.
 */
export async function horizontalOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const w = globalThis as unknown as DomWindow;
    const d = w.document;
    const root = d.documentElement;
    const describe = (el: DomElement): string => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} class="${el.getAttribute('class') ?? ''}">`;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1) {
      const wide = Array.from(d.querySelectorAll('body *'))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left + r.width > root.clientWidth + 1;
        })
        .slice(0, 5)
        .map(describe);
      problems.push(`page is ${root.scrollWidth}px wide at ${root.clientWidth}px: ${wide.join(', ')}`);
    }
    for (const el of Array.from(d.querySelectorAll('body *') as ArrayLike<BoxElement>)) {
      const box = el;
      const overflowX = w.getComputedStyle(el).overflowX;
      if (overflowX !== 'auto' && overflowX !== 'scroll') continue;
      if (box.scrollWidth <= box.clientWidth + 1) continue;
      const named = (el.getAttribute('aria-label') ?? '').trim() !== '' || (el.getAttribute('aria-labelledby') ?? '').trim() !== '';
      const previous = el.previousElementSibling;
      const hinted = el.querySelector('.scroll-hint') !== null || (previous !== null && previous.classList.contains('scroll-hint'));
      if (el.getAttribute('role') !== 'region' || !named || el.getAttribute('tabindex') !== '0' || !hinted) {
        problems.push(`${describe(el)} scrolls sideways (${box.scrollWidth}px in ${box.clientWidth}px) but is not a marked scroll container (role=region, label, tabindex=0, .scroll-hint)`);
      }
    }
    return problems.length === 0 ? null : problems.join('; ');
  });
}

/** The site header's height and whether its parts (title, menu, search, account) sit on one line. */
export async function headerLayout(page: Page): Promise<{ height: number; oneLine: boolean; parts: string[] } | null> {
  return page.evaluate(() => {
    const w = globalThis as unknown as DomWindow;
    const inner = w.document.querySelector('.site-header__inner') as BoxElement | null;
    if (!inner) return null;
    const parts = Array.from(inner.children).map((el) => el.getBoundingClientRect());
    const lineTop = Math.max(...parts.map((r) => r.top));
    const lineBottom = Math.min(...parts.map((r) => r.bottom));
    // Everything on one line: the parts overlap vertically, and the main menu's items share one row too
    // (the account links are in a closed disclosure).
    const rows = Array.from(inner.querySelectorAll('ul.main-nav')).every((ul) => {
      const tops = Array.from(ul.children).map((li) => Math.round(li.getBoundingClientRect().top));
      return tops.length === 0 || Math.max(...tops) - Math.min(...tops) <= 2;
    });
    return {
      height: Math.round(w.document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0),
      oneLine: lineTop < lineBottom && rows,
      parts: parts.map((r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`),
    };
  });
}

/** How the focused element looks: a visible indicator is an outline or a box-shadow. */
export async function focusIndicator(page: Page): Promise<{ element: string; visible: boolean; style: string } | null> {
  return page.evaluate(() => {
    const w = globalThis as unknown as DomWindow;
    const el = w.document.activeElement;
    if (!el || el.tagName === 'BODY') return null;
    const s = w.getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    const r = el.getBoundingClientRect();
    return {
      element: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? ` href=${el.getAttribute('href')}` : ''}> ${(el.textContent ?? '').trim().slice(0, 40)}`,
      visible: (outline || shadow) && r.width > 0 && r.height > 0,
      style: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`,
    };
  });
}
