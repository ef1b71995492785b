// A strict reader for the XML subset a JUnit report uses (XML 1.0: declaration, elements, attributes, text,
// CDATA, the five predefined entities and character references), so that tests check `-o junit` is
// well-formed without a parser package. It throws on anything else, and decodes what it reads.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text (entities and CDATA decoded, adjacent pieces joined) and child elements, in order. */
  readonly children: readonly (XmlElement | string)[];
}

// XML 1.0 section 2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_A_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const DECLARATION = /^<\?xml version="1\.0"(?: encoding="UTF-8")?\?>/;

/** The root element of `text`; throws, saying where, when the text is not well-formed. */
export function readXml(text: string): XmlElement {
  const bad = NOT_A_CHAR.exec(text);
  if (bad !== null) throw new Error(`not an XML character at ${bad.index}`);
  // End-of-line handling (XML 1.0 section 2.11): CR LF and a lone CR read as LF, CDATA included.
  const xml = text.replace(/\r\n?/g, '\n');
  let pos = DECLARATION.exec(xml)?.[0].length ?? 0;

  const fail = (what: string): never => {
    throw new Error(`${what} at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`);
  };
  const skipSpace = (): boolean => {
    const start = pos;
    while (pos < xml.length && ' \t\r\n'.includes(xml[pos]!)) pos++;
    return pos > start;
  };
  const take = (text: string): void => {
    if (!xml.startsWith(text, pos)) fail(`expected ${JSON.stringify(text)}`);
    pos += text.length;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(xml) ?? fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  // Text between `start` and `end`, which holds no markup: references decoded, `<` refused. In an attribute
  // value, a literal tab or line break reads as a space, one written as a reference does not (section 3.3.3).
  const decode = (start: number, end: number, isAttribute = false): string => {
    if (xml.slice(start, end).includes('<')) fail('a bare <');
    let text = '';
    for (let at = start; at < end;) {
      const amp = xml.indexOf('&', at);
      const stop = amp === -1 || amp >= end ? end : amp;
      const literal = xml.slice(at, stop);
      text += isAttribute ? literal.replace(/[\t\n]/g, ' ') : literal;
      if (stop === end) break;
      REFERENCE.lastIndex = stop;
      const match = REFERENCE.exec(xml);
      if (match === null || REFERENCE.lastIndex > end) {
        pos = stop;
        fail('a bare &');
      }
      const [whole, entity, decimal, hex] = match!;
      const char =
        entity !== undefined
          ? ENTITIES[entity]!
          : String.fromCodePoint(decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16));
      if (NOT_A_CHAR.test(char)) fail(`a reference to a character XML forbids: ${whole}`);
      text += char;
      at = stop + whole.length;
    }
    return text;
  };

  const element = (): XmlElement => {
    take('<');
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = skipSpace();
      if (xml.startsWith('/>', pos)) {
        pos += 2;
        return { name: tag, attributes, children: [] };
      }
      if (xml.startsWith('>', pos)) {
        pos += 1;
        break;
      }
      if (!spaced) fail('expected a space before an attribute');
      const attribute = name();
      if (attribute in attributes) fail(`attribute ${attribute} twice`);
      skipSpace();
      take('=');
      skipSpace();
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = xml.indexOf(quote!, pos + 1);
      if (end === -1) fail('unterminated attribute value');
      attributes[attribute] = decode(pos + 1, end, true);
      pos = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    const addText = (text: string) => {
      if (text === '') return;
      const last = children.length - 1;
      if (typeof children[last] === 'string') children[last] += text;
      else children.push(text);
    };
    for (;;) {
      if (pos >= xml.length) fail(`<${tag}> is not closed`);
      if (xml.startsWith('</', pos)) {
        pos += 2;
        if (name() !== tag) fail(`expected </${tag}>`);
        skipSpace();
        take('>');
        return { name: tag, attributes, children };
      }
      if (xml.startsWith('<![CDATA[', pos)) {
        const end = xml.indexOf(']]>', pos);
        if (end === -1) fail('unterminated CDATA');
        addText(xml.slice(pos + '<![CDATA['.length, end));
        pos = end + ']]>'.length;
      } else if (xml.startsWith('<', pos)) {
        if (xml.startsWith('<!', pos) || xml.startsWith('<?', pos)) fail('unexpected markup');
        children.push(element());
      } else {
        const next = xml.indexOf('<', pos);
        const end = next === -1 ? xml.length : next;
        // XML 1.0 section 2.4: `]]>` may not appear in text.
        if (xml.slice(pos, end).includes(']]>')) fail(']]> in text');
        addText(decode(pos, end));
        pos = end;
      }
    }
  };

  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== xml.length) fail('text after the root element');
  return root;
}

/** The child elements of `parent` named `name`. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.name === name,
  );
}

/** The text of `element` (its CDATA included), without that of its child elements. */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}
