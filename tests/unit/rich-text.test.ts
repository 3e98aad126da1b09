import {
  adfToHtml,
  adfToText,
  htmlToAdf,
  htmlToText,
  isMirroredComment,
  jiraCommentToZoho,
  zohoCommentToJira,
  type AdfNode,
} from '../../workflows/core';

const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const t = (text: string, ...marks: string[]): AdfNode =>
  marks.length ? { type: 'text', text, marks: marks.map((type) => ({ type })) } : { type: 'text', text };
const doc = (...content: AdfNode[]) => ({ type: 'doc', version: 1, content });

describe('Zoho rich text (HTML) → Jira ADF', () => {
  it.each<[string, string, ReturnType<typeof doc>]>([
    ['paragraphs', '<p>One</p>\n<p>Two</p>', doc(p(t('One')), p(t('Two')))],
    ['loose text becomes a paragraph', 'Just text', doc(p(t('Just text')))],
    ['hard breaks', 'a<br>b<br/>', doc(p(t('a'), { type: 'hardBreak' }, t('b')))],
    [
      'bold, italic, underline, strike',
      '<b>B</b><i>I</i><u>U</u><s>S</s>',
      doc(p(t('B', 'strong'), t('I', 'em'), t('U', 'underline'), t('S', 'strike'))),
    ],
    ['nested marks', '<strong><em>both</em></strong>', doc(p(t('both', 'strong', 'em')))],
    ['inline code drops marks ADF forbids with code', '<b><code>x()</code></b>', doc(p(t('x()', 'code')))],
    [
      'links',
      '<a href="https://zoho.com/x">site</a>',
      doc(p({ type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://zoho.com/x' } }] })),
    ],
    ['javascript: links degrade to text', '<a href="javascript:alert(1)">x</a>', doc(p(t('x')))],
    [
      'bullet lists',
      '<ul><li>a</li><li>b</li></ul>',
      doc({
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(t('a'))] },
          { type: 'listItem', content: [p(t('b'))] },
        ],
      }),
    ],
    [
      'ordered lists with unclosed items',
      '<ol><li>a<li>b</ol>',
      doc({
        type: 'orderedList',
        content: [
          { type: 'listItem', content: [p(t('a'))] },
          { type: 'listItem', content: [p(t('b'))] },
        ],
      }),
    ],
    ['headings', '<h2>Title</h2>', doc({ type: 'heading', attrs: { level: 2 }, content: [t('Title')] })],
    ['code blocks keep whitespace', '<pre>a  b\n  c</pre>', doc({ type: 'codeBlock', content: [t('a  b\n  c')] })],
    ['entities are decoded', '<p>&lt;tag&gt; &amp; &quot;q&quot; &#233;</p>', doc(p(t('<tag> & "q" é')))],
    ['Zoho mentions render as text', '<p>hi zp[@zpuser#869457870#Alex Example]zp</p>', doc(p(t('hi @Alex Example')))],
    [
      'unknown tags degrade to their text',
      '<p><font color="red">red</font> <marquee>m</marquee></p>',
      doc(p(t('red m'))),
    ],
    ['scripts are dropped', '<p>a</p><script>alert(1)</script>', doc(p(t('a')))],
    [
      'divs with inline styles carry marks',
      '<div><span style="font-weight: bold">B</span></div>',
      doc(p(t('B', 'strong'))),
    ],
    ['empty input', '', doc()],
  ])('%s', (_name, html, expected) => {
    expect(htmlToAdf(html)).toEqual(expected);
  });
});

describe('Jira ADF → Zoho rich text (HTML)', () => {
  it.each<[string, ReturnType<typeof doc>, string]>([
    ['paragraphs and breaks', doc(p(t('a'), { type: 'hardBreak' }, t('b')), p(t('c'))), '<p>a<br>b</p><p>c</p>'],
    [
      'marks',
      doc(p(t('B', 'strong'), t('I', 'em'), t('U', 'underline'), t('S', 'strike'), t('C', 'code'))),
      '<p><strong>B</strong><em>I</em><u>U</u><s>S</s><code>C</code></p>',
    ],
    [
      'HTML in text is escaped',
      doc(p(t('<img src=x onerror=1> & "'))),
      '<p>&lt;img src=x onerror=1&gt; &amp; &quot;</p>',
    ],
    [
      'links',
      doc(p({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'https://a.b/?q=1&r=2' } }] })),
      '<p><a href="https://a.b/?q=1&amp;r=2">x</a></p>',
    ],
    [
      'lists',
      doc({ type: 'bulletList', content: [{ type: 'listItem', content: [p(t('a'))] }] }),
      '<ul><li>a</li></ul>',
    ],
    [
      'ordered lists',
      doc({ type: 'orderedList', content: [{ type: 'listItem', content: [p(t('a'))] }] }),
      '<ol><li>a</li></ol>',
    ],
    ['headings', doc({ type: 'heading', attrs: { level: 3 }, content: [t('H')] }), '<h3>H</h3>'],
    [
      'code blocks',
      doc({ type: 'codeBlock', attrs: { language: 'js' }, content: [t('a < b')] }),
      '<pre><code>a &lt; b</code></pre>',
    ],
    [
      'mentions render as text',
      doc(p({ type: 'mention', attrs: { id: 'abc', text: '@Jane Doe' } })),
      '<p>@Jane Doe</p>',
    ],
    [
      'unknown nodes degrade to their text',
      doc({ type: 'panel', content: [p(t('inside'))] }, p({ type: 'status', attrs: { text: 'DONE' } })),
      '<p>inside</p><p>DONE</p>',
    ],
  ])('%s', (_name, adf, expected) => {
    expect(adfToHtml(adf)).toBe(expected);
  });

  it.each([
    ['<p>Hello <b>world</b></p><ul><li>one</li><li>two</li></ul>'],
    ['<h1>T</h1><p>a<br>b</p><pre><code>x</code></pre>'],
    ['<p><a href="https://x.y/">link</a> and <em>em</em></p>'],
  ])('round trip HTML → ADF → HTML is stable for %s', (html) => {
    const once = adfToHtml(htmlToAdf(html));
    expect(adfToHtml(htmlToAdf(once))).toBe(once);
  });

  it('plain text of ADF and HTML', () => {
    expect(
      adfToText(doc(p(t('a')), { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('b'))] }] })),
    ).toBe('a\n\n- b');
    expect(htmlToText('<p>a &amp; b</p><p>c<br>d</p>')).toBe('a & b\nc\nd');
  });
});

describe('comment mirroring bodies carry an author attribution line', () => {
  it('Zoho comment → Jira ADF names the Zoho author', () => {
    const adf = zohoCommentToJira({ html: '<p>Looks good</p>', authorName: 'Alex Example' });
    expect(adf.content[0]).toEqual(p(t('Comment from Zoho Projects by Alex Example:', 'em')));
    expect(adf.content[1]).toEqual(p(t('Looks good')));
  });
  it('Jira comment → Zoho HTML names the Jira author, escaped', () => {
    expect(jiraCommentToZoho({ body: doc(p(t('Ship it'))), authorName: 'Jane <script>' })).toBe(
      '<p><em>Comment from Jira by Jane &lt;script&gt;:</em></p><p>Ship it</p>',
    );
  });
});

describe('a mirrored comment is recognised by its attribution, so it is never copied back', () => {
  it.each<[string, 'fromZoho' | 'fromJira', boolean]>([
    [adfToText(zohoCommentToJira({ html: '<p>Looks good</p>', authorName: 'Alex' })), 'fromZoho', true],
    [htmlToText(jiraCommentToZoho({ body: doc(p(t('Ship it'))), authorName: 'Jane' })), 'fromJira', true],
    ['  Comment from Jira by Jane: indented', 'fromJira', true],
    ['Comment from Jira by Jane:', 'fromZoho', false],
    ['A user quoting "Comment from Jira by" mid-sentence', 'fromJira', false],
    ['Looks good', 'fromZoho', false],
  ])('%j is a mirror %s: %s', (text, from, mirrored) => expect(isMirroredComment(text, from)).toBe(mirrored));
});
