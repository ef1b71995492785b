import { Html, escapeHtml, markup, joinHtml } from './html-escape';

describe('escapeHtml', () => {
  it('escapes markup and both quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('escapes an entity so it reads back as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('replaces control characters other than tab, LF and CR', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne\rf\u007fg\u0085h')).toBe(
      'a\ufffdb\ufffdc\td\ne\rf\ufffdg\ufffdh',
    );
  });
});

describe('markup', () => {
  it('escapes interpolated text but not Html', () => {
    const name = '<b>x</b>';
    expect(markup`<td>${name}</td>${Html.raw('<br>')}`.text).toBe('<td>&lt;b&gt;x&lt;/b&gt;</td><br>');
  });

  it('drops layout whitespace as JSX does, keeping the space between words', () => {
    const page = markup`<section>
        <p class="note">
          Placed in order,
          one at a time: ${'<web>'}
        </p>
        <svg
          class="chart"
        >
          <rect x="1"
          />
        </svg>
      </section>`;
    expect(page.text).toBe(
      '<section><p class="note">Placed in order, one at a time: &lt;web&gt;</p><svg class="chart"><rect x="1"/></svg></section>',
    );
  });

  it('keeps whitespace without a line break as written', () => {
    expect(markup`<b>a</b> <i>b</i>  c`.text).toBe('<b>a</b> <i>b</i>  c');
  });

  it('joins arrays, prints numbers and drops null, undefined and false', () => {
    expect(markup`${['<', markup`<i>${'&'}</i>`]}|${3}|${null}|${undefined}|${false}`.text).toBe(
      '&lt;<i>&amp;</i>|3|||',
    );
    expect(joinHtml(['a<', markup`<b></b>`], ', ').text).toBe('a&lt;, <b></b>');
  });
});
