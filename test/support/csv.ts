/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes; anything else throws. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] !== '"') {
      const end = text.slice(i).search(/,|\r\n/);
      const value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      if (/["\r\n]/.test(value)) throw new Error(`unquoted field with a quote, CR or LF at ${i}`);
      i += value.length;
      return value;
    }
    let value = '';
    i++;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q < 0) throw new Error('unterminated quoted field');
      value += text.slice(i, q);
      if (text[q + 1] === '"') {
        value += '"';
        i = q + 2;
      } else {
        i = q + 1;
        return value;
      }
    }
  };
  while (i < text.length) {
    row.push(field());
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (row.length > 0) throw new Error('the last record has no CRLF');
  const width = rows[0]?.length;
  for (const r of rows)
    if (r.length !== width) throw new Error(`a record of ${r.length} fields, the header has ${width}`);
  return rows;
}
