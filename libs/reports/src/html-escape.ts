// Every text on the page passes through here: names come from user manifests, so a workload called
// `<script>alert(1)</script>` must end up as text. The `markup` tag escapes every interpolated value unless it
// is already `Html`, so escaping cannot be forgotten. (The tag is not called `html`: Prettier would reformat
// such templates as HTML, and with them the page.)

/** Markup that is already safe to place in the page as is. */
export class Html {
  private constructor(readonly text: string) {}

  /** Trusted markup written by the renderer itself, never text from a report. */
  static raw(text: string): Html {
    return new Html(text);
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML that reads back as the same text, in element content and in quoted attributes alike.
 * Control characters other than tab, LF and CR (parse errors in HTML5) become U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(/[^\t\n\r\P{Cc}]/gu, '\ufffd');
}

/**
 * Template tag: the literal parts are trusted markup, every interpolated value is escaped unless `Html`.
 * Layout whitespace is dropped as JSX drops it, so templates can be indented without bloating the page: a
 * run of whitespace holding a line break disappears at either end of a literal part, after `>` and before
 * `<`, `>` or `/`, and is one space elsewhere (between two words of a sentence).
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  const parts = compact(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += toHtml(values[i]) + parts[i + 1]!;
  return Html.raw(out);
}

const compacted = new WeakMap<TemplateStringsArray, readonly string[]>();

function compact(strings: TemplateStringsArray): readonly string[] {
  let parts = compacted.get(strings);
  if (parts === undefined) {
    parts = strings.map((part) =>
      part.replace(/[ \t]*\n\s*/g, (run, at: number) => {
        const before = part[at - 1];
        const after = part[at + run.length];
        const isEdge = before === undefined || after === undefined;
        return isEdge || before === '>' || after === '<' || after === '>' || after === '/' ? '' : ' ';
      }),
    );
    compacted.set(strings, parts);
  }
  return parts;
}

/** Joins values as markup, escaping the plain ones. */
export function joinHtml(values: readonly HtmlValue[], separator = ''): Html {
  return Html.raw(values.map(toHtml).join(separator));
}

function toHtml(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
}
