/**
 * @module playground page: composer — the message box: Enter sends, Shift+Enter adds a line; the
 * text stays (with the server's reason shown) when sending fails. Example chips fill the box.
 */
import { h } from './dom.js';

/**
 * @param {{ name: string, onSend: (text: string) => Promise<void> }} options `name` prefixes the
 * test ids (`composer`, `thread-composer`, …).
 */
export function createComposer(options) {
  const { name, onSend } = options;
  const input = h('textarea', {
    className: 'composer-input',
    testid: `${name}-input`,
    rows: 1,
    attrs: { 'aria-label': 'Message' },
  });
  const error = h('div', { className: 'composer-error', testid: `${name}-error`, attrs: { role: 'alert' } });
  const hints = h('div', { className: 'composer-hints' });
  let sending = false;

  async function send() {
    const text = input.value;
    if (sending || text.trim() === '') return;
    sending = true;
    sendButton.disabled = true;
    error.textContent = '';
    try {
      await onSend(text);
      input.value = '';
      resize();
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    } finally {
      sending = false;
      sendButton.disabled = false;
      input.focus();
    }
  }

  function resize() {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  input.addEventListener('input', () => {
    error.textContent = '';
    resize();
  });
  const sendButton = h(
    'button',
    {
      type: 'button',
      className: 'send-button',
      testid: `${name}-send`,
      title: 'Send (Enter)',
      on: { click: () => void send() },
    },
    'Send',
  );
  const element = h(
    'div',
    { className: 'composer', testid: name },
    h('div', { className: 'composer-row' }, input, sendButton),
    error,
    hints,
  );

  return {
    element,
    focus: () => input.focus(),
    setPlaceholder(text) {
      input.placeholder = text;
    },
    /** Example texts shown as chips under the box; clicking one fills the box. */
    setHints(examples) {
      hints.replaceChildren(
        ...examples.map((example) =>
          h(
            'button',
            {
              type: 'button',
              className: 'hint',
              testid: `${name}-hint`,
              on: {
                click: () => {
                  input.value = example;
                  resize();
                  input.focus();
                },
              },
            },
            example,
          ),
        ),
      );
    },
  };
}
