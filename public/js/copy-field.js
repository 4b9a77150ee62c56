/*
 * Progressive enhancement for subscription addresses: a "Kopieren" button beside every
 * readonly address field marked data-copy-field. Without JavaScript the field stays a
 * readonly, selectable input and no button is shown. External file: the CSP forbids inline script.
 */
(function () {
  'use strict';
  function copyWithSelection(input) {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }
  function enhance(box) {
    var input = box.querySelector('input');
    if (!input || box.querySelector('.copy-field__button')) return;
    var name = input.getAttribute('data-copy-name') || '';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button--secondary copy-field__button';
    button.textContent = 'Kopieren';
    // The visible word first, then which address (label in name, WCAG 2.5.3).
    if (name) button.setAttribute('aria-label', 'Kopieren: ' + name);
    var status = document.createElement('p');
    status.className = 'copy-field__status';
    status.setAttribute('role', 'status');
    box.appendChild(button);
    box.appendChild(status);
    function done(ok) {
      status.textContent = ok ? 'Adresse kopiert.' : 'Bitte die markierte Adresse mit Strg+C bzw. ⌘+C kopieren.';
      if (!ok) copyWithSelection(input);
    }
    button.addEventListener('click', function () {
      status.textContent = '';
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(
          function () { done(true); },
          function () { done(copyWithSelection(input)); }
        );
      } else {
        done(copyWithSelection(input));
      }
    });
  }
  function init() {
    var boxes = document.querySelectorAll('[data-copy-field]');
    for (var i = 0; i < boxes.length; i++) enhance(boxes[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
