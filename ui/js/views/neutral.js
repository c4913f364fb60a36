// What "hide now" shows: a plain screen that says nothing about what Tend is for.
import { $, clone } from '../dom.js';

export function mount(root, { app }) {
  root.append(clone('tpl-neutral'));
  $(root, '[data-action="continue"]').addEventListener('click', () => app.refresh());
}
