/* Tìm kiếm của chuyên trang (trang /tim-kiem/ và ô tìm kiếm ở đầu trang).
 *
 * Plain JavaScript, no framework, no inline script: the page works under a Content-Security-
 * Policy without 'unsafe-inline'. The index is made at build time by internal/search (see
 * docs/tim-kiem.md): a manifest, posting shards of words (tu-N.bin) and of adjacent word pairs
 * (cum-N.bin), a word list for completing the last word (tien-to-N.bin), the kinds and fields of
 * every page (tai-lieu.bin) and one small file per page with what a result shows (trang/N.bin).
 * Every .bin file is gzip; a query loads only the shards of its words.
 *
 * The normaliser and the tokenizer below must give exactly what internal/search/normalize.go
 * gives: internal/search/testdata/normalize.json holds vectors that a Go test and a browser test
 * both check.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------
  // Normalisation: NFC, lower case, đ → d, marks dropped, NFC (see normalize.go).

  var JOINERS = './-_&';
  var HARD_BREAKS = '.,;:!?()[]{}"\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026|\n\r\t\u2022\u2013\u2014';
  var MAX_COMPOUND = 48;
  var reWordChar = /^[\p{L}\p{N}\p{M}]$/u;
  var reNonspacing = /\p{Mn}/gu;
  var foldCache = new Map();
  var lowerCache = new Map();

  // lowerChar is the lower case of one code point as Go's unicode.ToLower gives it: where the
  // browser's full case mapping gives more than one code point (İ → i̇), the first.
  function lowerChar(ch) {
    var l = lowerCache.get(ch);
    if (l === undefined) {
      l = ch.toLowerCase();
      if (l.length > ch.length) {
        l = String.fromCodePoint(l.codePointAt(0));
      }
      lowerCache.set(ch, l);
    }
    return l;
  }

  function foldChar(ch) {
    var f = foldCache.get(ch);
    if (f === undefined) {
      var l = lowerChar(ch);
      if (l === '\u0111' || l === '\u00f0') {
        // ð (Ð) stands for đ in text converted from old Vietnamese encodings.
        f = 'd';
      } else if (l.length === 1 && l.charCodeAt(0) < 128) {
        f = l;
      } else {
        f = l.normalize('NFD').replace(reNonspacing, '').normalize('NFC');
      }
      foldCache.set(ch, f);
    }
    return f;
  }

  function isWordChar(ch) {
    var c = ch.charCodeAt(0);
    if (c < 128) {
      return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    }
    return reWordChar.test(ch);
  }

  function isASCII(s) {
    for (var i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  // fold normalises text for matching: "Địa Phương" → "dia phuong".
  function fold(s) {
    s = String(s).normalize('NFC');
    var out = '';
    for (var ch of s) {
      out += foldChar(ch);
    }
    return out.normalize('NFC');
  }

  // lower is the exact form of a word for the diacritics bonus: NFC, lower case, marks kept.
  function lower(s) {
    s = String(s).normalize('NFC');
    var out = '';
    for (var ch of s) {
      out += lowerChar(ch);
    }
    return out.normalize('NFC');
  }

  // marksOf returns the marks of one code point's canonical decomposition; đ counts as one.
  var markCache = new Map();
  function marksOf(ch) {
    var m = markCache.get(ch);
    if (m === undefined) {
      if (ch === '\u0111' || ch === '\u00f0' || ch === '\u0110' || ch === '\u00d0') {
        m = '\u0111';
      } else {
        m = (ch.normalize('NFD').match(reNonspacing) || []).join('');
      }
      markCache.set(ch, m);
    }
    return m;
  }

  // exactKey is what the exact-diacritics bonus compares (search.ExactKey): the folded word,
  // then "~" and its marks in code point order, so that "hoà" and "hòa" are one spelling.
  function exactKey(f, lo) {
    if (f === '' || isASCII(lo)) {
      return f;
    }
    var marks = [];
    for (var ch of lo) {
      if (ch.charCodeAt(0) >= 128) {
        var m = marksOf(ch);
        for (var c of m) {
          if (marks.length < 16) {
            marks.push(c);
          }
        }
      }
    }
    if (marks.length === 0) {
      return f;
    }
    marks.sort();
    return f + '~' + marks.join('');
  }

  function foldLower(w) {
    if (isASCII(w)) {
      var l = w.toLowerCase();
      return [l, l];
    }
    var f = '';
    var lo = '';
    for (var ch of w) {
      f += foldChar(ch);
      lo += lowerChar(ch);
    }
    return [f.normalize('NFC'), lo.normalize('NFC')];
  }

  function charAt(text, i) {
    var c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      return text.slice(i, i + 2);
    }
    return text[i];
  }

  // tokenize splits text into words as search.Tokenize does. Offsets (start, end) are UTF-16
  // indexes into the NFC text, returned as .text.
  function tokenize(text) {
    text = String(text).normalize('NFC');
    var toks = [];
    var pos = 0;
    var brk = false;
    var i = 0;
    var n = text.length;
    while (i < n) {
      var ch = charAt(text, i);
      if (!isWordChar(ch)) {
        if (HARD_BREAKS.indexOf(ch) >= 0) {
          brk = true;
        }
        i += ch.length;
        continue;
      }
      var start = i;
      var parts = [];
      for (;;) {
        var ps = i;
        while (i < n) {
          ch = charAt(text, i);
          if (!isWordChar(ch)) {
            break;
          }
          i += ch.length;
        }
        parts.push({ start: ps, end: i });
        if (i + 1 < n && JOINERS.indexOf(text[i]) >= 0 && isWordChar(charAt(text, i + 1))) {
          i++;
          continue;
        }
        break;
      }
      var words = [];
      for (var k = 0; k < parts.length; k++) {
        var fl = foldLower(text.slice(parts[k].start, parts[k].end));
        if (fl[0] !== '') {
          words.push({ fold: fl[0], lower: fl[1], start: parts[k].start, end: parts[k].end });
        }
      }
      if (words.length === 0) {
        continue;
      }
      if (parts.length > 1 && words.length > 1) {
        var whole = foldLower(text.slice(start, i));
        if (utf8Length(whole[0]) <= MAX_COMPOUND) {
          toks.push({ fold: whole[0], lower: whole[1], start: start, end: i, pos: pos, compound: true, brk: brk });
        }
      }
      for (k = 0; k < words.length; k++) {
        var w = words[k];
        w.pos = pos++;
        w.compound = false;
        w.brk = brk && k === 0;
        toks.push(w);
      }
      brk = false;
    }
    return { tokens: toks, text: text };
  }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------
  // gzip: the browser's DecompressionStream where there is one, else a small inflate.

  var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var CLORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  function huffman(lengths, n) {
    var count = new Uint16Array(16);
    var offs = new Uint16Array(16);
    var symbol = new Uint16Array(n);
    var i;
    for (i = 0; i < n; i++) {
      count[lengths[i]]++;
    }
    count[0] = 0;
    for (i = 1; i < 16; i++) {
      offs[i] = offs[i - 1] + count[i - 1];
    }
    for (i = 0; i < n; i++) {
      if (lengths[i]) {
        symbol[offs[lengths[i]]++] = i;
      }
    }
    return { count: count, symbol: symbol };
  }

  // inflate decodes raw DEFLATE data (RFC 1951) starting at src[at].
  function inflate(src, at) {
    var out = new Uint8Array(Math.max(1024, src.length * 4));
    var op = 0;
    var pos = at || 0;
    var bitbuf = 0;
    var bitcnt = 0;
    function bits(n) {
      while (bitcnt < n) {
        if (pos >= src.length) {
          throw new Error('dữ liệu nén bị cắt cụt');
        }
        bitbuf |= src[pos++] << bitcnt;
        bitcnt += 8;
      }
      var v = bitbuf & ((1 << n) - 1);
      bitbuf >>>= n;
      bitcnt -= n;
      return v;
    }
    function room(n) {
      if (op + n > out.length) {
        var o = new Uint8Array(Math.max(out.length * 2, op + n));
        o.set(out);
        out = o;
      }
    }
    function decode(h) {
      var code = 0;
      var first = 0;
      var index = 0;
      for (var len = 1; len < 16; len++) {
        code |= bits(1);
        var count = h.count[len];
        if (code - count < first) {
          return h.symbol[index + (code - first)];
        }
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
      }
      throw new Error('mã Huffman không hợp lệ');
    }
    var last;
    do {
      last = bits(1);
      var type = bits(2);
      var lencode;
      var distcode;
      var i;
      if (type === 0) {
        bitbuf = 0;
        bitcnt = 0;
        if (pos + 4 > src.length) {
          throw new Error('dữ liệu nén bị cắt cụt');
        }
        var len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        room(len);
        out.set(src.subarray(pos, pos + len), op);
        op += len;
        pos += len;
        continue;
      } else if (type === 1) {
        var l = new Uint8Array(288);
        for (i = 0; i < 144; i++) l[i] = 8;
        for (; i < 256; i++) l[i] = 9;
        for (; i < 280; i++) l[i] = 7;
        for (; i < 288; i++) l[i] = 8;
        lencode = huffman(l, 288);
        var d = new Uint8Array(30);
        d.fill(5);
        distcode = huffman(d, 30);
      } else if (type === 2) {
        var nlen = bits(5) + 257;
        var ndist = bits(5) + 1;
        var ncode = bits(4) + 4;
        var lengths = new Uint8Array(320);
        for (i = 0; i < ncode; i++) {
          lengths[CLORDER[i]] = bits(3);
        }
        for (; i < 19; i++) {
          lengths[CLORDER[i]] = 0;
        }
        var cl = huffman(lengths, 19);
        var idx = 0;
        lengths = new Uint8Array(320);
        while (idx < nlen + ndist) {
          var sym = decode(cl);
          if (sym < 16) {
            lengths[idx++] = sym;
          } else {
            var rep = 0;
            var val = 0;
            if (sym === 16) {
              if (idx === 0) {
                throw new Error('dữ liệu nén không hợp lệ');
              }
              val = lengths[idx - 1];
              rep = 3 + bits(2);
            } else if (sym === 17) {
              rep = 3 + bits(3);
            } else {
              rep = 11 + bits(7);
            }
            while (rep--) {
              lengths[idx++] = val;
            }
          }
        }
        lencode = huffman(lengths, nlen);
        distcode = huffman(lengths.subarray(nlen), ndist);
      } else {
        throw new Error('khối nén không hợp lệ');
      }
      for (;;) {
        var s = decode(lencode);
        if (s < 256) {
          room(1);
          out[op++] = s;
        } else if (s === 256) {
          break;
        } else {
          s -= 257;
          if (s >= 29) {
            throw new Error('độ dài không hợp lệ');
          }
          var n = LBASE[s] + bits(LEXT[s]);
          var ds = decode(distcode);
          var dist = DBASE[ds] + bits(DEXT[ds]);
          if (dist > op) {
            throw new Error('khoảng cách không hợp lệ');
          }
          room(n);
          for (var k = 0; k < n; k++) {
            out[op] = out[op - dist];
            op++;
          }
        }
      }
    } while (!last);
    return out.subarray(0, op);
  }

  // gunzipFallback decodes a gzip member with inflate.
  function gunzipFallback(u8) {
    var flags = u8[3];
    var p = 10;
    if (flags & 4) {
      p += 2 + (u8[p] | (u8[p + 1] << 8));
    }
    if (flags & 8) {
      while (u8[p++] !== 0) {}
    }
    if (flags & 16) {
      while (u8[p++] !== 0) {}
    }
    if (flags & 2) {
      p += 2;
    }
    return inflate(u8, p);
  }

  function isGzip(u8) {
    return u8.length > 18 && u8[0] === 0x1f && u8[1] === 0x8b && u8[2] === 8;
  }

  // gunzip returns the content of a .bin file. A server that sent it with Content-Encoding:
  // gzip already undid the compression: then the bytes are returned as they are.
  function gunzip(u8) {
    if (!isGzip(u8)) {
      return Promise.resolve(u8);
    }
    if (typeof DecompressionStream === 'function') {
      var stream = new Blob([u8]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).arrayBuffer().then(function (b) {
        return new Uint8Array(b);
      });
    }
    return Promise.resolve(gunzipFallback(u8));
  }

  // ---------------------------------------------------------------------------------------
  // Reading the index files.

  var utf8 = new TextDecoder('utf-8');

  function Reader(u8) {
    this.u8 = u8;
    this.p = 0;
  }
  Reader.prototype.uv = function () {
    var x = 0;
    var s = 1;
    var b;
    do {
      b = this.u8[this.p++];
      x += (b & 127) * s;
      s *= 128;
    } while (b & 128);
    return x;
  };
  Reader.prototype.str = function () {
    var n = this.uv();
    var u8 = this.u8;
    var p = this.p;
    this.p += n;
    var ascii = true;
    for (var i = p; i < p + n; i++) {
      if (u8[i] >= 128) {
        ascii = false;
        break;
      }
    }
    if (ascii && n < 256) {
      return String.fromCharCode.apply(null, u8.subarray(p, p + n));
    }
    return utf8.decode(u8.subarray(p, p + n));
  };

  function parseWords(u8) {
    var r = new Reader(u8);
    var n = r.uv();
    var list = [];
    for (var i = 0; i < n; i++) {
      var e = { fold: r.str(), df: r.uv(), variants: [], u8: u8, off: 0, len: 0, docs: null };
      var nv = r.uv();
      for (var k = 0; k < nv; k++) {
        e.variants.push(r.str());
      }
      e.len = r.uv();
      list.push(e);
    }
    var map = new Map();
    var off = r.p;
    for (i = 0; i < n; i++) {
      list[i].off = off;
      off += list[i].len;
      map.set(list[i].fold, list[i]);
    }
    return map;
  }

  function parsePairs(u8) {
    var r = new Reader(u8);
    var n = r.uv();
    var list = [];
    for (var i = 0; i < n; i++) {
      list.push({ key: r.str(), df: r.uv(), len: r.uv(), u8: u8, off: 0, docs: null, pair: true });
    }
    var map = new Map();
    var off = r.p;
    for (i = 0; i < n; i++) {
      list[i].off = off;
      off += list[i].len;
      map.set(list[i].key, list[i]);
    }
    return map;
  }

  function parseDict(u8) {
    var r = new Reader(u8);
    var n = r.uv();
    var terms = new Array(n);
    var dfs = new Uint32Array(n);
    for (var i = 0; i < n; i++) {
      terms[i] = r.str();
      dfs[i] = r.uv();
    }
    return { terms: terms, dfs: dfs };
  }

  // decodePostings turns an entry's bytes into arrays, once.
  function decodePostings(e) {
    if (e.docs) {
      return e;
    }
    var r = new Reader(e.u8);
    r.p = e.off;
    var docs = new Int32Array(e.df);
    var flags = new Uint8Array(e.df);
    var masks = !e.pair && e.variants.length > 1 ? new Uint32Array(e.df) : null;
    var doc = 0;
    for (var i = 0; i < e.df; i++) {
      doc += r.uv();
      docs[i] = doc;
      flags[i] = e.u8[r.p++];
      if (masks) {
        masks[i] = r.uv() >>> 0;
      }
    }
    e.docs = docs;
    e.flags = flags;
    e.masks = masks;
    return e;
  }

  // shardOf returns the shard whose range holds key: the last whose first key is not after it.
  function shardOf(firsts, key) {
    var lo = 0;
    var hi = firsts.length - 1;
    if (hi < 0 || key < firsts[0]) {
      return -1;
    }
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= key) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  function Index(base) {
    this.base = base;
    this.cache = new Map();
    this.manifest = null;
    this.bytes = 0; // bytes fetched, as the server sent them (for the benchmark)
  }

  Index.prototype.fetchBytes = function (name, reload) {
    var self = this;
    var url = this.base + name + (this.manifest ? '?v=' + this.manifest.version : '');
    return fetch(url, { credentials: 'same-origin', cache: reload ? 'no-cache' : 'default' }).then(function (res) {
      if (!res.ok) {
        throw new Error('không tải được ' + name + ' (' + res.status + ')');
      }
      return res.arrayBuffer();
    }).then(function (buf) {
      self.bytes += buf.byteLength;
      return gunzip(new Uint8Array(buf));
    });
  };

  Index.prototype.file = function (name, parse) {
    var p = this.cache.get(name);
    if (!p) {
      p = this.fetchBytes(name).then(parse);
      this.cache.set(name, p);
      var self = this;
      p.catch(function () {
        self.cache.delete(name);
      });
    }
    return p;
  };

  Index.prototype.open = function () {
    var self = this;
    if (!this.opening) {
      this.opening = this.fetchBytes('manifest.json', true).then(function (u8) {
        var m = JSON.parse(utf8.decode(u8));
        if (m.format !== 1) {
          throw new Error('chỉ mục tìm kiếm có định dạng ' + m.format + ', trang này đọc định dạng 1; hãy tải lại trang');
        }
        self.manifest = m;
        self.docsInfo = self.file('tai-lieu.bin', function (u8) {
          return JSON.parse(utf8.decode(u8));
        });
        return m;
      });
      this.opening.catch(function () {
        self.opening = null;
      });
    }
    return this.opening;
  };

  Index.prototype.word = function (fold) {
    var i = shardOf(this.manifest.words, fold);
    if (i < 0) {
      return Promise.resolve(null);
    }
    return this.file('tu-' + i + '.bin', parseWords).then(function (m) {
      return m.get(fold) || null;
    });
  };

  Index.prototype.pair = function (key) {
    var i = shardOf(this.manifest.pairs, key);
    if (i < 0) {
      return Promise.resolve(null);
    }
    return this.file('cum-' + i + '.bin', parsePairs).then(function (m) {
      return m.get(key) || null;
    });
  };

  // MAX_EXPANSIONS is how many words the last word of a query, still being typed, stands for:
  // the word itself when it is one, then the words it begins, most frequent first.
  var MAX_EXPANSIONS = 8;

  Index.prototype.complete = function (prefix) {
    var m = this.manifest;
    var first = shardOf(m.dict, prefix);
    if (first < 0) {
      first = 0;
    }
    var loads = [];
    for (var i = first; i < m.dict.length; i++) {
      if (i > first && m.dict[i].slice(0, prefix.length) > prefix) {
        break;
      }
      loads.push(this.file('tien-to-' + i + '.bin', parseDict));
    }
    return Promise.all(loads).then(function (shards) {
      var found = [];
      shards.forEach(function (d) {
        var lo = 0;
        var hi = d.terms.length;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (d.terms[mid] < prefix) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        for (var k = lo; k < d.terms.length && d.terms[k].slice(0, prefix.length) === prefix; k++) {
          found.push({ fold: d.terms[k], df: d.dfs[k] });
        }
      });
      found.sort(function (a, b) {
        if ((a.fold === prefix) !== (b.fold === prefix)) {
          return a.fold === prefix ? -1 : 1;
        }
        return b.df - a.df || (a.fold < b.fold ? -1 : a.fold > b.fold ? 1 : 0);
      });
      return found.slice(0, MAX_EXPANSIONS);
    });
  };

  // ---------------------------------------------------------------------------------------
  // Queries.

  // parseQuery turns what the visitor typed into clauses, one per word (a code such as
  // "1234/QĐ-BTNMT" is one clause with its parts kept aside). The last word is a prefix while
  // the visitor is typing it (no space after it).
  var MAX_WORDS = 12;

  function parseQuery(q) {
    var t = tokenize(q);
    var toks = t.tokens;
    var clauses = [];
    for (var i = 0; i < toks.length; i++) {
      var tk = toks[i];
      var c = { fold: tk.fold, lower: tk.lower, prefix: false, parts: null };
      if (tk.compound) {
        var parts = [];
        var j = i + 1;
        while (j < toks.length && toks[j].start < tk.end) {
          parts.push({ fold: toks[j].fold, lower: toks[j].lower, prefix: false, parts: null });
          j++;
        }
        c.parts = parts;
        i = j - 1;
      }
      clauses.push(c);
    }
    // A pasted paragraph is searched by its first words.
    if (clauses.length > MAX_WORDS) {
      clauses.length = MAX_WORDS;
      q = q.trim();
    }
    if (clauses.length > 0 && !/\s$/.test(q)) {
      var last = clauses[clauses.length - 1];
      if (utf8Length(last.fold) < 2) {
        // A one-letter word being typed waits for its next letter, unless it is all there is.
        if (clauses.length > 1) {
          clauses.pop();
        }
      } else {
        last.prefix = true;
        if (last.parts) {
          last.parts[last.parts.length - 1].prefix = true;
        }
      }
    }
    clauses.forEach(function (c) {
      c.exact = exactKey(c.fold, c.lower);
      c.marks = c.exact !== c.fold;
      if (c.parts) {
        c.parts.forEach(function (p) {
          p.exact = exactKey(p.fold, p.lower);
          p.marks = p.exact !== p.fold;
        });
      }
    });
    return clauses;
  }

  // Weights of the fields a word is found in (see search.Flag*): title and the page's own
  // codes, then headings, description, other metadata, and the body (more for more mentions).
  var FIELD_WEIGHT = new Float64Array(256);
  (function () {
    for (var f = 0; f < 256; f++) {
      var w = 0;
      if (f & 1) w += 16; // title
      if (f & 2) w += 24; // own code
      if (f & 4) w += 6; // heading
      if (f & 8) w += 4; // description
      if (f & 16) w += 3; // metadata
      if (f & 32) w += 1 + 0.5 * (f >> 6); // body, by number of mentions
      FIELD_WEIGHT[f] = w;
    }
  })();

  // PREFIX_FACTOR weighs a word that only begins with the last word typed ("phuong" for
  // "phuo") below the word itself.
  var PREFIX_FACTOR = 0.75;

  // resolveClause finds the words of the index a clause stands for.
  function resolveClause(ix, c) {
    var terms = c.prefix ? ix.complete(c.fold) : Promise.resolve([{ fold: c.fold }]);
    return terms.then(function (list) {
      return Promise.all(list.map(function (t) {
        return ix.word(t.fold).then(function (e) {
          if (!e) {
            return null;
          }
          return { entry: e, factor: t.fold === c.fold ? 1 : PREFIX_FACTOR, exactBits: exactBits(e, c) };
        });
      }));
    }).then(function (found) {
      c.terms = found.filter(Boolean);
      return c;
    });
  }

  // exactBits returns the variants of an entry that carry the query word's diacritics exactly
  // (or begin with them, for the word being typed), as a bit mask; 0 when the word was typed
  // without diacritics, which asks for no particular spelling.
  function exactBits(e, c) {
    if (!c.marks) {
      return 0;
    }
    var bits = 0;
    var want = c.exact.slice(c.exact.indexOf('~') + 1);
    for (var k = 0; k < e.variants.length && k < 32; k++) {
      var v = e.variants[k];
      if (v === c.exact || (c.prefix && hasMarks(v, want))) {
        bits |= 1 << k;
      }
    }
    return bits >>> 0;
  }

  // hasMarks tells whether the spelling v (an exact key) has every mark of want (sorted), for
  // the word being typed: "phươ" is exactly the beginning of "phương".
  function hasMarks(v, want) {
    var i = v.indexOf('~');
    if (i < 0) {
      return false;
    }
    var have = v.slice(i + 1);
    var j = 0;
    for (var k = 0; k < have.length && j < want.length; k++) {
      if (have[k] === want[j]) {
        j++;
      } else if (have[k] > want[j]) {
        return false;
      }
    }
    return j === want.length;
  }

  // resolve finds the words of every clause; a code the index does not hold whole
  // ("QĐ-BTNMT", written inside "1234/QĐ-BTNMT") is looked for by its parts, side by side.
  function resolve(ix, clauses) {
    return Promise.all(clauses.map(function (c) {
      return resolveClause(ix, c);
    })).then(function () {
      var out = [];
      var again = [];
      clauses.forEach(function (c) {
        if (c.parts && c.terms.length === 0) {
          c.parts.forEach(function (p) {
            out.push(p);
            again.push(resolveClause(ix, p));
          });
        } else {
          out.push(c);
        }
      });
      return Promise.all(again).then(function () {
        return out;
      });
    });
  }

  // pairKeys lists the word pairs whose presence tells that clauses a and b are side by side.
  function pairKeys(a, b) {
    var left = a.parts && a.terms.length > 0 ? [a.parts[a.parts.length - 1].fold] : a.terms.filter(function (t) {
      return t.factor === 1;
    }).map(function (t) {
      return t.entry.fold;
    });
    var right = b.parts && b.terms.length > 0 ? [b.parts[0].fold] : b.terms.map(function (t) {
      return t.entry.fold;
    });
    var keys = [];
    left.forEach(function (l) {
      right.forEach(function (r) {
        keys.push(l + ' ' + r);
      });
    });
    return keys;
  }

  // run scores every page that has all the clauses. The order is: pages with more of the query
  // words in the exact diacritics typed, then pages where more of the words stand side by side
  // (weighted by where: title above body), then pages with more of the words typed without
  // marks in their most common spelling, then the field-weighted relevance, then newer pages.
  function run(ix, clauses, filter) {
    var m = ix.manifest;
    var n = m.docs;
    return resolve(ix, clauses).then(function (cls) {
      var pairLoads = [];
      for (var i = 0; i + 1 < cls.length; i++) {
        pairLoads.push(Promise.all(pairKeys(cls[i], cls[i + 1]).map(function (k) {
          return ix.pair(k);
        })));
      }
      return Promise.all([Promise.all(pairLoads), ix.docsInfo]).then(function (res) {
        return score(n, cls, res[0], res[1], filter);
      });
    });
  }

  function score(n, cls, pairs, info, filter) {
    var result = { ids: [], total: 0, kinds: {}, fields: {}, clauses: cls };
    if (cls.length === 0) {
      return result;
    }
    for (var ci = 0; ci < cls.length; ci++) {
      if (cls[ci].terms.length === 0) {
        return result;
      }
    }
    var hits = new Uint8Array(n);
    var rel = new Float64Array(n);
    var exact = new Uint8Array(n);
    var near = new Float64Array(n);
    var likely = new Uint8Array(n);
    var best = new Float64Array(n);
    var ex = new Uint8Array(n);
    var lk = new Uint8Array(n);
    for (ci = 0; ci < cls.length; ci++) {
      var c = cls[ci];
      best.fill(0);
      ex.fill(0);
      lk.fill(0);
      var df = 0;
      c.terms.forEach(function (t) {
        var e = decodePostings(t.entry);
        df = Math.max(df, e.df);
        var all = t.exactBits && !e.masks ? 1 : 0;
        for (var k = 0; k < e.df; k++) {
          var d = e.docs[k];
          var w = FIELD_WEIGHT[e.flags[k]] * t.factor;
          if (w === 0) {
            w = 0.5 * t.factor;
          }
          if (w > best[d]) {
            best[d] = w;
          }
          if (t.exactBits && (all || (e.masks[k] & t.exactBits))) {
            ex[d] = 1;
          }
          // Typed without marks, a word most likely means its most common spelling on the
          // site, the first variant.
          if (!c.marks && (!e.masks || (e.masks[k] & 1))) {
            lk[d] = 1;
          }
        }
      });
      var idf = Math.log2(1 + n / Math.max(1, df));
      for (var d = 0; d < n; d++) {
        if (best[d] > 0) {
          hits[d]++;
          rel[d] += idf * best[d];
          exact[d] += ex[d];
          likely[d] += lk[d];
        }
      }
    }
    pairs.forEach(function (entries) {
      best.fill(0);
      entries.forEach(function (e) {
        if (!e) {
          return;
        }
        decodePostings(e);
        for (var k = 0; k < e.df; k++) {
          var w = FIELD_WEIGHT[e.flags[k]];
          if (w > best[e.docs[k]]) {
            best[e.docs[k]] = w;
          }
        }
      });
      for (var d = 0; d < n; d++) {
        near[d] += best[d];
      }
    });
    var need = cls.length;
    var kindOf = info.k;
    var fieldsOf = info.f;
    var kindIdx = filter.kind >= 0 ? filter.kind : -1;
    var fieldIdx = filter.field >= 0 ? filter.field : -1;
    var ids = [];
    for (d = 0; d < n; d++) {
      if (hits[d] !== need) {
        continue;
      }
      var inField = fieldIdx < 0 || fieldsOf[d].indexOf(fieldIdx) >= 0;
      var inKind = kindIdx < 0 || kindOf[d] === kindIdx;
      if (inField) {
        result.kinds[kindOf[d]] = (result.kinds[kindOf[d]] || 0) + 1;
      }
      if (inKind) {
        fieldsOf[d].forEach(function (f) {
          result.fields[f] = (result.fields[f] || 0) + 1;
        });
      }
      if (inField && inKind) {
        ids.push(d);
      }
    }
    ids.sort(function (a, b) {
      return (exact[b] - exact[a]) || (near[b] - near[a]) || (likely[b] - likely[a]) || (rel[b] - rel[a]) || (a - b);
    });
    result.ids = ids;
    result.total = ids.length;
    result.score = function (d) {
      return { exact: exact[d], near: near[d], likely: likely[d], rel: rel[d] };
    };
    return result;
  }

  // search runs a query: {q, kind: key or '', field: key or ''} → a result with the page ids in
  // rank order.
  function search(ix, q, opts) {
    opts = opts || {};
    return ix.open().then(function (m) {
      var filter = { kind: indexOfKey(m.kinds, opts.kind), field: indexOfKey(m.fields, opts.field) };
      var clauses = parseQuery(q);
      return run(ix, clauses, filter);
    });
  }

  function indexOfKey(list, key) {
    if (!key) {
      return -1;
    }
    for (var i = 0; i < list.length; i++) {
      if (list[i].key === key) {
        return i;
      }
    }
    return -2; // a filter no page has: nothing matches
  }

  // fragment returns what the result of page id shows: {u: URL, t: title, k: kind, d: date,
  // i: ISO date, f: fields, c: codes, s: description, x: text}.
  Index.prototype.fragment = function (id) {
    var per = this.manifest.fragments || 1;
    return this.file('trang/' + Math.floor(id / per) + '.bin', function (u8) {
      return JSON.parse(utf8.decode(u8));
    }).then(function (list) {
      return list[id % per];
    });
  };

  // ---------------------------------------------------------------------------------------
  // Highlighting and snippets.

  // matcher tells whether a folded word of a page answers one of the clauses.
  function matcher(cls) {
    var exact = new Map();
    var prefixes = [];
    cls.forEach(function (c, i) {
      if (c.prefix) {
        prefixes.push([c.fold, i]);
      } else {
        exact.set(c.fold, i);
      }
    });
    return function (f) {
      if (exact.has(f)) {
        return exact.get(f);
      }
      for (var i = 0; i < prefixes.length; i++) {
        if (f.slice(0, prefixes[i][0].length) === prefixes[i][0]) {
          return prefixes[i][1];
        }
      }
      return -1;
    };
  }

  // marks returns the tokens of text with the clause each answers (-1 for none), and the
  // ranges to highlight, merged.
  function marks(text, match) {
    var t = tokenize(text);
    var ranges = [];
    var hits = [];
    var compoundEnd = -1;
    t.tokens.forEach(function (tk) {
      var c = match(tk.fold);
      if (tk.compound) {
        if (c >= 0) {
          ranges.push([tk.start, tk.end]);
          hits.push({ start: tk.start, clause: c });
          compoundEnd = tk.end;
        }
        return;
      }
      if (c >= 0 && tk.start >= compoundEnd) {
        ranges.push([tk.start, tk.end]);
        hits.push({ start: tk.start, clause: c });
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      // Words of the query side by side are one highlight.
      if (last && (r[0] <= last[1] || /^[ \u00a0]+$/.test(t.text.slice(last[1], r[0])))) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.push([r[0], r[1]]);
      }
    });
    return { text: t.text, ranges: merged, hits: hits };
  }

  // plain is a text node of text, its line breaks (between blocks) shown as a dot.
  function plain(text) {
    return document.createTextNode(text.replace(/\n/g, BLOCK));
  }

  // appendMarked appends text[from:to] to el with the ranges inside it wrapped in <mark>.
  function appendMarked(el, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], from);
      var e = Math.min(r[1], to);
      if (s >= e) {
        return;
      }
      if (s > at) {
        el.appendChild(plain(text.slice(at, s)));
      }
      var mk = document.createElement('mark');
      mk.textContent = text.slice(s, e);
      el.appendChild(mk);
      at = e;
    });
    if (at < to) {
      el.appendChild(plain(text.slice(at, to)));
    }
  }

  var SNIPPET = 240; // characters of a snippet
  var BLOCK = ' \u00b7 '; // shown between two blocks (paragraphs, headings, cells) of a snippet

  // snippet fills el with the part of text that holds the most query words, highlighted.
  // It returns false when text has none of them.
  function snippet(el, text, match) {
    var mk = marks(text, match);
    text = mk.text;
    if (mk.hits.length === 0) {
      return false;
    }
    var bestStart = 0;
    var bestScore = -1;
    for (var i = 0; i < mk.hits.length; i++) {
      var from = mk.hits[i].start;
      var seen = {};
      var count = 0;
      for (var j = i; j < mk.hits.length && mk.hits[j].start < from + SNIPPET - 40; j++) {
        if (!seen[mk.hits[j].clause]) {
          seen[mk.hits[j].clause] = true;
          count += 10;
        }
        count++;
      }
      if (count > bestScore) {
        bestScore = count;
        bestStart = from;
      }
    }
    // Start a little before the best place, at a word; from the beginning when that fits.
    var start = 0;
    if (bestStart > SNIPPET * 0.6) {
      start = bestStart - 60;
      var sp = text.indexOf(' ', start);
      start = sp >= 0 && sp < bestStart ? sp + 1 : bestStart;
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var sp2 = text.lastIndexOf(' ', end);
      if (sp2 > start + SNIPPET / 2) {
        end = sp2;
      }
    }
    if (start > 0) {
      el.appendChild(document.createTextNode('… '));
    }
    appendMarked(el, text, mk.ranges, start, end);
    if (end < text.length) {
      el.appendChild(document.createTextNode(' …'));
    }
    return true;
  }

  function highlighted(tag, text, match, cls) {
    var el = document.createElement(tag);
    if (cls) {
      el.className = cls;
    }
    var mk = marks(text, match);
    appendMarked(el, mk.text, mk.ranges, 0, mk.text.length);
    return el;
  }

  // ---------------------------------------------------------------------------------------
  // The search page.

  var PAGE = 10; // results shown at a time
  var DEBOUNCE = 180; // ms after the last key before searching

  function formatCount(n) {
    return n.toLocaleString('vi-VN');
  }

  function Page(root) {
    this.root = root;
    this.ix = new Index(root.getAttribute('data-chi-muc'));
    this.form = root.querySelector('form');
    this.input = root.querySelector('#tim-kiem-q');
    this.kind = root.querySelector('#tim-kiem-loai');
    this.field = root.querySelector('#tim-kiem-linh-vuc');
    this.status = root.querySelector('#tim-kiem-trang-thai');
    this.list = root.querySelector('#tim-kiem-ket-qua');
    this.more = root.querySelector('#tim-kiem-them');
    this.headerInput = document.querySelector('.header-search input[name="q"]');
    this.seq = 0;
    this.timer = 0;
    this.result = null;
    this.shown = 0;
    this.baseTitle = document.title;
    this.labels = new Map();
    var self = this;
    [this.kind, this.field].forEach(function (sel) {
      if (!sel) {
        return;
      }
      Array.prototype.forEach.call(sel.options, function (o) {
        self.labels.set(o, o.getAttribute('data-ten') || o.textContent);
      });
    });
    this.bind();
    this.fromURL();
  }

  Page.prototype.bind = function () {
    var self = this;
    this.root.classList.add('tim-kiem-co-js');
    this.input.addEventListener('input', function () {
      self.schedule();
    });
    this.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      self.now();
    });
    [this.kind, this.field].forEach(function (sel) {
      if (sel) {
        sel.addEventListener('change', function () {
          self.now();
        });
      }
    });
    if (this.headerInput && this.headerInput.form) {
      // On this page the header's box searches here, without reloading.
      this.headerInput.form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        self.input.value = self.headerInput.value;
        self.now();
        self.input.focus();
      });
    }
    this.more.addEventListener('click', function () {
      self.showMore(true);
    });
    this.input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') {
        var first = self.list.querySelector('a');
        if (first) {
          ev.preventDefault();
          first.focus();
        }
      } else if (ev.key === 'Escape' && self.input.value !== '') {
        ev.preventDefault();
        self.input.value = '';
        self.now();
      }
    });
    this.list.addEventListener('keydown', function (ev) {
      if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp' && ev.key !== 'Escape') {
        return;
      }
      var links = Array.prototype.slice.call(self.list.querySelectorAll('h3 a'));
      var i = links.indexOf(document.activeElement);
      if (i < 0) {
        return;
      }
      ev.preventDefault();
      if (ev.key === 'Escape' || (ev.key === 'ArrowUp' && i === 0)) {
        self.input.focus();
      } else if (ev.key === 'ArrowUp') {
        links[i - 1].focus();
      } else if (i + 1 < links.length) {
        links[i + 1].focus();
      } else if (!self.more.parentNode.hidden) {
        self.more.focus();
      }
    });
    window.addEventListener('popstate', function () {
      self.fromURL();
    });
  };

  Page.prototype.fromURL = function () {
    var p = new URLSearchParams(location.search);
    var q = p.get('q') || '';
    this.input.value = q;
    if (this.headerInput) {
      this.headerInput.value = q;
    }
    setSelect(this.kind, p.get('loai') || '');
    setSelect(this.field, p.get('linh-vuc') || '');
    this.now(true);
  };

  function setSelect(sel, v) {
    if (!sel) {
      return;
    }
    sel.value = v;
    if (sel.value !== v) {
      sel.value = '';
    }
  }

  Page.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.now();
    }, DEBOUNCE);
  };

  Page.prototype.params = function () {
    return {
      q: this.input.value,
      kind: this.kind ? this.kind.value : '',
      field: this.field ? this.field.value : ''
    };
  };

  Page.prototype.syncURL = function (o) {
    var p = new URLSearchParams();
    if (o.q.trim() !== '') {
      p.set('q', o.q.trim());
    }
    if (o.kind) {
      p.set('loai', o.kind);
    }
    if (o.field) {
      p.set('linh-vuc', o.field);
    }
    var s = p.toString();
    var url = location.pathname + (s ? '?' + s : '');
    if (url !== location.pathname + location.search) {
      history.replaceState(null, '', url);
    }
    document.title = o.q.trim() ? '\u201c' + o.q.trim() + '\u201d \u2013 ' + this.baseTitle : this.baseTitle;
  };

  Page.prototype.say = function (text) {
    this.status.textContent = text;
  };

  // now searches what the form holds; fromURL does not rewrite the URL it came from.
  Page.prototype.now = function (fromURL) {
    clearTimeout(this.timer);
    var self = this;
    var o = this.params();
    var seq = ++this.seq;
    if (!fromURL) {
      this.syncURL(o);
    } else {
      document.title = o.q.trim() ? '\u201c' + o.q.trim() + '\u201d \u2013 ' + this.baseTitle : this.baseTitle;
    }
    if (this.headerInput && document.activeElement !== this.headerInput) {
      this.headerInput.value = o.q;
    }
    if (fold(o.q).trim() === '') {
      this.clear();
      this.say('');
      return Promise.resolve();
    }
    if (!this.ix.manifest) {
      this.say('Đang tải chỉ mục tìm kiếm…');
    }
    return search(this.ix, o.q, o).then(function (res) {
      if (seq !== self.seq) {
        return;
      }
      self.result = res;
      self.result.query = o;
      self.counts(res);
      self.clear();
      return self.showMore(false).then(function () {
        if (seq !== self.seq) {
          return;
        }
        var q = o.q.trim();
        if (res.total === 0) {
          self.say('Không tìm thấy kết quả nào cho \u201c' + q + '\u201d' + (o.kind || o.field ? ' với bộ lọc đã chọn' : '') + '.');
        } else {
          self.say('Tìm thấy ' + formatCount(res.total) + ' kết quả cho \u201c' + q + '\u201d.');
        }
      });
    }).catch(function (err) {
      if (seq !== self.seq) {
        return;
      }
      self.clear();
      self.say('Không tìm được: ' + err.message + '. Bạn có thể xem các chuyên mục ở trang chủ.');
    });
  };

  Page.prototype.clear = function () {
    while (this.list.firstChild) {
      this.list.removeChild(this.list.firstChild);
    }
    this.shown = 0;
    this.more.parentNode.hidden = true;
  };

  // counts puts the number of results of each filter value into its option.
  Page.prototype.counts = function (res) {
    var self = this;
    var m = this.ix.manifest;
    function fill(sel, list, counts) {
      if (!sel) {
        return;
      }
      var total = 0;
      Object.keys(counts).forEach(function (k) {
        total += counts[k];
      });
      Array.prototype.forEach.call(sel.options, function (opt) {
        var base = self.labels.get(opt);
        if (opt.value === '') {
          opt.textContent = base;
          return;
        }
        var i = indexOfKey(list, opt.value);
        var n = i >= 0 ? counts[i] || 0 : 0;
        opt.textContent = base + ' (' + formatCount(n) + ')';
      });
    }
    fill(this.kind, m.kinds, res.kinds);
    fill(this.field, m.fields, res.fields);
  };

  // showMore shows the next results; focus moves to the first new one when asked.
  Page.prototype.showMore = function (focus) {
    var self = this;
    var res = this.result;
    var ids = res.ids.slice(this.shown, this.shown + PAGE);
    var seq = this.seq;
    return Promise.all(ids.map(function (id) {
      return self.ix.fragment(id);
    })).then(function (frags) {
      if (seq !== self.seq) {
        return;
      }
      var match = matcher(res.clauses);
      var firstLink = null;
      frags.forEach(function (f) {
        var li = render(f, match);
        self.list.appendChild(li);
        if (!firstLink) {
          firstLink = li.querySelector('a');
        }
      });
      self.shown += ids.length;
      self.more.parentNode.hidden = self.shown >= res.total;
      if (!self.more.parentNode.hidden) {
        self.more.textContent = 'Xem thêm kết quả (còn ' + formatCount(res.total - self.shown) + ')';
      }
      if (focus && firstLink) {
        firstLink.focus();
      }
    });
  };

  // render makes one result: title (a link), kind, date, fields, codes and a snippet.
  function render(f, match) {
    var li = document.createElement('li');
    li.className = 'tim-kiem-muc';
    var h = document.createElement('h3');
    var a = highlighted('a', f.t, match);
    a.href = f.u;
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'meta';
    if (f.k) {
      var k = document.createElement('span');
      k.className = 'kind';
      k.textContent = f.k;
      meta.appendChild(k);
    }
    if (f.d) {
      var t = document.createElement('time');
      t.dateTime = f.i;
      t.textContent = f.d;
      meta.appendChild(t);
    }
    (f.c || []).forEach(function (c) {
      meta.appendChild(highlighted('span', c, match, 'tim-kiem-ma'));
    });
    if (f.f && f.f.length) {
      var fl = document.createElement('span');
      fl.className = 'tim-kiem-linh-vuc';
      fl.textContent = f.f.join(', ');
      meta.appendChild(fl);
    }
    li.appendChild(meta);
    var p = document.createElement('p');
    p.className = 'tim-kiem-trich';
    if (!snippet(p, f.x || '', match)) {
      if (!snippet(p, f.s || '', match)) {
        var text = f.s || (f.x || '').slice(0, SNIPPET);
        appendMarked(p, text, [], 0, text.length);
      }
    }
    if (p.firstChild) {
      li.appendChild(p);
    }
    return li;
  }

  // ---------------------------------------------------------------------------------------

  // The API, for the tests and the benchmark (internal/search and internal/build tests).
  window.cchcTimKiem = {
    fold: fold,
    lower: lower,
    exactKey: function (w) {
      var lo = lower(w);
      return exactKey(fold(lo), lo);
    },
    tokenize: tokenize,
    inflate: inflate,
    gunzipFallback: gunzipFallback,
    parseQuery: parseQuery,
    Index: Index,
    search: search,
    page: null
  };

  function start() {
    var root = document.getElementById('tim-kiem');
    if (root && root.getAttribute('data-chi-muc')) {
      window.cchcTimKiem.page = new Page(root);
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
