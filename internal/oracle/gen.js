#!/usr/bin/env node
// gen.js is keyvet's outside oracle for the field rules of package validate.
//
// It reads the trimmed Smithy models in testdata/aws-models/, takes every
// string shape that carries a smithy.api#pattern or smithy.api#length trait,
// and runs the model's ORIGINAL pattern text, lookahead and \uXXXX escapes
// included, through JavaScript's RegExp (an ECMA 262 engine: Smithy says a
// pattern trait is an ECMA 262 regular expression) over boundary, class-edge
// and seeded-random strings. For each string it records the length in Unicode
// scalar values, whether the pattern matches, and whether the whole trait set
// (length AND pattern) accepts it. It writes one golden per shape to
// testdata/oracle/<shape>.json; internal/oracle/oracle_test.go holds every
// validate rule to them without needing node.
//
// Run it from anywhere with plain node (no npm packages):
//
//	node internal/oracle/gen.js
//
// or through the Go test: go test ./internal/oracle -update
//
// The output is deterministic: the random strings come from a fixed-seed PRNG
// seeded per shape, and nothing depends on time or on file-system order.
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const MODELS_DIR = path.join(ROOT, 'testdata', 'aws-models');
const OUT_DIR = path.join(ROOT, 'testdata', 'oracle');
const MODEL_FILES = ['ec2-instance-connect.json', 'iam-ssh-public-key.json', 'transfer-ssh-keys.json', 'lightsail-key-pairs.json'];

// fromBotocore turns a trimmed botocore model (transfer-ssh-keys.json,
// lightsail-key-pairs.json) into the Smithy form main() reads: shape ids
// com.amazonaws.<endpointPrefix>#<Name>, a string's pattern, min and max as
// traits, a structure's members with their targets and required traits.
// Only shapes an operation's input targets are kept: the models carry other
// shapes (Arn, HomeDirectory, ...) that keyvet has no rule for. botocore's
// patterns are the Smithy model's text, unanchored like every Smithy
// pattern; AWS applies them to the whole value (docs/AWS-FACTS.md), so
// such a shape is marked anchored and run as ^(?:pattern)$.
function fromBotocore(model) {
  const ns = `com.amazonaws.${model.metadata.endpointPrefix}#`;
  const inputs = new Set(Object.values(model.operations).map((o) => o.input && o.input.shape).filter(Boolean));
  const used = new Set();
  const shapes = {};
  for (const id of inputs) {
    const sh = model.shapes[id];
    const members = {};
    for (const [m, mem] of Object.entries(sh.members || {})) {
      used.add(mem.shape);
      members[m] = {
        target: ns + mem.shape,
        traits: (sh.required || []).includes(m) ? { 'smithy.api#required': {} } : {},
      };
    }
    shapes[ns + id] = { type: 'structure', members };
  }
  for (const id of used) {
    const sh = model.shapes[id];
    if (sh.type !== 'string') continue;
    const traits = {};
    if (sh.pattern !== undefined) traits['smithy.api#pattern'] = sh.pattern;
    if (sh.min !== undefined || sh.max !== undefined) traits['smithy.api#length'] = { min: sh.min, max: sh.max };
    shapes[ns + id] = { type: 'string', traits, anchored: true };
  }
  return { shapes };
}
const RANDOM_PER_SHAPE = 300;
const SEED = 0x6b657976; // "keyv"

// The u flag. Smithy's pattern trait holds an ECMA 262 regular expression
// (not implicitly anchored) and names no flags. We compile WITHOUT the u
// flag, plain `new RegExp(pattern)`, because one model pattern is not legal
// under u: InstanceOSUser escapes '@' (\@), an identity escape that only the
// Annex B (non-unicode) grammar allows; with u it is a SyntaxError ("Invalid
// escape"), so u cannot be what the model means.
//
// Without u a pattern sees UTF-16 code units, so the flag could in principle
// change results: '.' and negated classes would see half a surrogate pair,
// and a quantifier would count code units. It does not here, and every run
// proves it: main() compiles each pattern again with u (after rewriting the
// identity escapes u refuses, e.g. \@ -> @, the same character), throws if
// any string gets a different answer, and says so in each golden's
// uFlagCheck. Why it cannot differ: every class in these patterns lists code
// points at or below U+00FF, so no surrogate half is ever inside one, there
// is no negated class, and the only '.' (InstanceOSUser's lookahead
// (?=.{2,32}$)) is followed by a branch that matches only ASCII, so when that
// branch matches, code units and code points are the same count.
//
// Lengths are never taken from the pattern: they are counted here in Unicode
// scalar values, [...s].length, as Smithy's length trait defines for strings.

// ---- per-shape knowledge -------------------------------------------------
//
// Each shape the models constrain needs templates: valid values to sweep the
// class edges through, a prefix and filler to build strings of an exact
// length, hand-written cases with a note, and optionally a grammar for the
// random strings. An unknown shape is an error: add it here.

const SHAPES = {
  'com.amazonaws.ec2instanceconnect#InstanceId': {
    valid: ['i-0123456789abcdef0', 'i-0a1b2c3d'],
    prefix: 'i-',
    filler: 'f',
    extra: [
      ['i-', 'prefix only'],
      ['i-0', 'one hex digit, too short'],
      ['i-' + 'a'.repeat(30), '32 chars'],
      ['i-' + 'a'.repeat(31), '33 chars'],
      ['I-0123456789abcdef0', 'capital I'],
      ['i_0123456789abcdef0', 'underscore for dash'],
      ['i-0123456789ABCDEF0', 'upper-case hex'],
      ['i-0123456789abcdefg', 'g is past f'],
      ['mi-048afb7f6460a110d', 'managed-instance id (AWS docs example)'],
      ['i--0123456789', 'double dash'],
      ['i-0123456789abcdef0i-0123', 'two ids'],
    ],
    grammar(r) {
      const hexish = 'abcdef0123456789' + 'g`/:@AF-';
      return pick(r, ['i-', 'i-', 'i-', 'i', 'I-', '', 'i_']) + randStr(r, hexish, r.int(0, 34));
    },
  },

  'com.amazonaws.ec2instanceconnect#InstanceOSUser': {
    valid: ['ec2-user', '1user', '_svc$', 'a.b@c-d_e', '123.name-x$'],
    prefix: 'a',
    filler: 'b',
    lengthPrefixes: ['1a', '_'],
    extra: osUserExtras(),
    grammar(r) {
      const first = 'AZaz_' + '09@.-$`[{/';
      const mid = 'AZaz09@._-' + '$#%/:[`{ ';
      const last = 'AZaz09$_-' + '@.#%';
      const digits = '0123456789';
      if (r.next() < 0.5) {
        // branch 1: [A-Za-z_][A-Za-z0-9@._-]{0,30}[A-Za-z0-9$_-]?
        let s = randStr(r, first, 1) + randStr(r, mid, r.int(0, 33));
        if (r.next() < 0.5) s += randStr(r, last, 1);
        return s;
      }
      // branch 2: [0-9]{1,32}[A-Za-z@._-][A-Za-z0-9@._-]*[A-Za-z0-9$_-]?
      let s = randStr(r, digits, r.int(0, 34)) + randStr(r, 'AZaz@._-' + '0$/:', 1);
      s += randStr(r, mid, r.int(0, 32 - Math.min(s.length, 32) + 2));
      if (r.next() < 0.5) s += randStr(r, last, 1);
      return s;
    },
  },

  'com.amazonaws.ec2instanceconnect#AvailabilityZone': {
    valid: ['us-east-1a', 'ap-northeast-1c', 'us-gov-west-1a'],
    prefix: 'a-b-1',
    filler: 'a',
    lengthPrefixes: ['us-east-1'],
    extra: [
      ['a-b-1a', 'shortest match, 6 chars'],
      ['a-b-1', '5 chars, no \\w after the digits'],
      ['a-b-c-1a', 'three groups'],
      ['a-b-c-d-1a', 'four groups'],
      ['a-1a', 'one group'],
      ['-a-1a', 'empty first group'],
      ['a--1a', 'empty second group'],
      ['a-b-a1', 'letter before the digits'],
      ['a-b-11', 'digits only after the groups'],
      ['a-b-1_', 'underscore after the digit'],
      ['a-b-_1', 'underscore before the digit'],
      ['US-EAST-1A', 'upper case'],
      ['us-east-1', 'region, not a zone'],
      ['use1-az1', 'zone id'],
      ['us-east-1-bos-1a', 'Local Zone name: four dashes'],
      ['us-west-2-lax-1a', 'Local Zone name: four dashes'],
      ['us-east-1a-', 'trailing dash'],
      ['a-b-1' + 'a'.repeat(27), '32 chars'],
      ['a-b-1' + 'a'.repeat(28), '33 chars'],
      ['a'.repeat(14) + '-' + 'b'.repeat(14) + '-1a', '32 chars, long groups'],
      ['us-east-1\u00e9', 'e-acute after the digit'],
      ['us-east-\uff11a', 'fullwidth digit one'],
      ['us-east-\u0661a', 'Arabic-Indic digit one'],
    ],
    grammar(r) {
      const word = 'azAZ09_' + '`{/:@[^';
      const n = r.int(1, 4);
      const parts = [];
      for (let i = 0; i < n; i++) parts.push(randStr(r, word, r.int(0, 6)));
      const sep = () => (r.next() < 0.9 ? '-' : pick(r, ['_', '.', ',', ' ', '--']));
      let s = parts.join(sep()) + sep();
      s += randStr(r, '0123456789' + 'a/:', r.int(0, 3)) + randStr(r, word, r.int(0, 4));
      return s;
    },
  },

  'com.amazonaws.ec2instanceconnect#SSHPublicKey': {
    valid: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWzq0wvYjH0C4wXc1c9vvR1Vz0zv2wW3Zf4q3JxKc2A'],
    prefix: 'ssh-ed25519 ',
    filler: 'A',
    extra: [
      ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWzq0wvYjH0C4wXc1c9vvR1Vz0zv2wW3Zf4q3JxKc2A\n', '80 chars and a newline'],
      ['\u0000'.repeat(80), '80 NULs'],
      ['\n'.repeat(80), '80 newlines'],
      ['\ufffd'.repeat(80), '80 replacement characters'],
    ],
  },

  'com.amazonaws.transfer#ServerId': {
    valid: ['s-0123456789abcdef0', 's-01234567890abcdef'],
    prefix: 's-',
    filler: 'a',
    extra: [
      ['s-0123456789abcdef', '16 hex digits'],
      ['s-0123456789abcdef01', '18 hex digits'],
      ['S-0123456789abcdef0', 'capital S'],
      ['s-0123456789ABCDEF0', 'upper-case hex'],
      ['s-0123456789abcdefg', 'g is past f'],
      ['xs-0123456789abcdef', 'a prefix: the unanchored pattern finds s-...'],
      ['s-0123456789abcdef0x', 'a suffix: the unanchored pattern finds s-...'],
      ['s_0123456789abcdef0', 'underscore for dash'],
    ],
    grammar(r) {
      return pick(r, ['s-', 's-', 's-', 'S-', 's', 'xs-', '']) + randStr(r, 'abcdef0123456789' + 'gA-', r.int(15, 19));
    },
  },

  'com.amazonaws.transfer#UserName': {
    valid: ['alice', 'a.b@c-d_e9', 'Z_9'],
    prefix: 'u',
    filler: 'x',
    extra: [
      ['ab', 'two characters'],
      ['-abc', 'dash first'],
      ['.abc', 'dot first'],
      ['@abc', 'at first'],
      ['_ab', 'underscore first'],
      ['al ice', 'space inside'],
      ['al/ice', 'slash'],
      ['\u00e4lice', 'a-umlaut first'],
      ['\u212aelvin', 'Kelvin sign (case-folds to k under /iu)'],
      ['x ' + 'a'.repeat(5), 'space: the unanchored pattern finds a match after it'],
    ],
    grammar(r) {
      return randStr(r, 'azAZ09_' + '@.-/ ', 1) + randStr(r, 'azAZ09_@.-' + '/ +:', r.int(0, 102));
    },
  },

  'com.amazonaws.transfer#SshPublicKeyId': {
    valid: ['key-0123456789abcdef0', 'key-abcdef01234567890'],
    prefix: 'key-',
    filler: 'f',
    extra: [
      ['key-0123456789abcdef', '16 hex digits'],
      ['KEY-0123456789abcdef0', 'upper-case key'],
      ['key-0123456789ABCDEF0', 'upper-case hex'],
      ['key_0123456789abcdef0', 'underscore for dash'],
      ['xkey-0123456789abcdef', 'a prefix'],
    ],
    grammar(r) {
      return pick(r, ['key-', 'key-', 'key-', 'KEY-', 'key', 'k-']) + randStr(r, 'abcdef0123456789' + 'gA-', r.int(15, 19));
    },
  },

  'com.amazonaws.transfer#Role': {
    valid: ['arn:aws:iam::123456789012:role/sftp-user', 'arn:aws-cn:iam::123456789012:role/path/x'],
    prefix: 'arn:aws:iam::1:role/',
    filler: 'r',
    extra: [
      ['arn:aws:iam::123456789012:role/', 'nothing after role/'],
      ['arn:aws:iam::123456789012:role/a b', 'space after role/'],
      ['arn:aws:iam::123456789012:role/a\u00a0', 'no-break space at the end (ECMA \\s)'],
      ['arn:aws:iam::123456789012:role/a\ufeff', 'BOM at the end (ECMA \\s)'],
      ['arn:aws:iam::123\n456789012:role/abc', 'line feed before role/ (. refuses it)'],
      ['arn:aws:iam::123\u2028456789012:role/abc', 'line separator before role/'],
      ['arn:aws:iam::123\u0085456789012:role/abc', 'next line before role/ (. takes it)'],
      ['arn:aws:iam::123456789012:user/abcdef', 'user, not role'],
      ['ARN:aws:iam::123456789012:role/abc', 'upper-case arn'],
      ['xarn:aws:iam::123456789012:role/abc', 'a prefix'],
    ],
    grammar(r) {
      const mid = 'azAZ09:/-_' + ' \n\u2028\u0085\u00e9';
      return pick(r, ['arn:', 'arn:', 'ARN:', 'x']) + randStr(r, mid, r.int(0, 30)) + pick(r, ['role/', 'role/', 'user/', '']) +
        randStr(r, 'azAZ09/-_' + ' \t\u00a0\u3000\ufeff\u2028', r.int(0, 8));
    },
  },

  'com.amazonaws.transfer#SshPublicKeyBody': {
    valid: [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWzq0wvYjH0C4wXc1c9vvR1Vz0zv2wW3Zf4q3JxKc2A alice@example.com',
      'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCy75ak',
    ],
    prefix: 'ssh-rsa ',
    filler: 'A',
    extra: [
      ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGWzq0wvYjH0C4wXc1c9vvR1Vz0zv2wW3Zf4q3JxKc2A\n', 'trailing newline'],
      ['  ssh-ed25519 AAAA', 'leading spaces'],
      ['\u00a0ssh-ed25519 AAAA', 'leading no-break space (ECMA \\s)'],
      ['\ufeffssh-ed25519 AAAA', 'leading BOM (ECMA \\s)'],
      ['\u2028ssh-ed25519 AAAA', 'leading line separator (ECMA \\s)'],
      ['\u0085ssh-ed25519 AAAA', 'leading next line (not ECMA \\s)'],
      ['\u000bssh-ed25519 AAAA', 'leading vertical tab (ECMA \\s)'],
      ['ssh-ed25519 AAAA\u3000', 'trailing ideographic space (ECMA \\s)'],
      ['ssh-ed25519 AAAA c\u00e9', 'comment with e-acute'],
      ['ssh-ed25519 AAAA a\nb', 'comment with a newline inside'],
      ['ssh-ed25519 AAAA===', 'three ='],
      ['ssh-ed25519 AAAA====', 'four ='],
      ['ssh-ed25519\tAAAA', 'tab separator'],
      ['ssh-ed25519  AAAA', 'two spaces'],
      ['ssh-000  !0', 'two blanks, no base64: the tail takes the second blank and what follows'],
      ['ssh-rsa \t%x y', 'space and tab, no base64, a comment'],
      ['ssh-rsa %x', 'one blank, no base64: the tail needs its own blank'],
      ['ssh-rsa  \u00e9\n', 'two blanks, a non-ASCII comment, a newline'],
      ['ssh-dss AAAAB3NzaC1kc3M=', 'ssh-dss passes the pattern'],
      ['sk-ssh-ed25519@openssh.com AAAA', 'security key'],
      ['ssh-ed25519-cert-v01@openssh.com AAAA', 'certificate: @ not in the type class'],
      ['command="x" ssh-ed25519 AAAA', 'options'],
      ['---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----', 'RFC 4716'],
      ['-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', 'PEM'],
      ['SSH-ED25519 AAAA', 'upper-case type'],
      ['ssh- AAAA', 'empty type tail'],
      ['ssh-ed25519 ', 'no base64'],
      ['ssh-ed25519 AAAA\u0000', 'trailing NUL'],
      ['ssh-ed25519 AAAA \u0000', 'NUL in the comment'],
    ],
    grammar(r) {
      const sp = () => pick(r, ['', '', ' ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\u0085', '\u000b']);
      let s = sp() + pick(r, ['ssh-', 'ecdsa-', 'ssh-', 'sk-', 'SSH-', 'ssh']) + randStr(r, 'az09-' + '@._A', r.int(0, 12));
      s += pick(r, [' ', ' ', '\t', '  ', '', '\n']) + randStr(r, 'AZaz09+/' + '=-_.', r.int(0, 40)) + randStr(r, '=', r.int(0, 4));
      if (r.next() < 0.5) s += pick(r, [' ', '\t', '', '\n']) + randStr(r, 'az09@. \t' + '\u00e9\u0000\n\u00a0\u2028', r.int(0, 12));
      return s + sp();
    },
  },

  'com.amazonaws.lightsail#ResourceName': {
    valid: ['my-key', 'a_b', 'Key-Pair-1'],
    prefix: 'k',
    filler: 'e',
    extra: [
      ['a', 'one character'],
      ['-ab', 'dash first'],
      ['ab-', 'dash last'],
      ['a--b', 'two dashes'],
      ['a.b', 'dot'],
      ['a b', 'space'],
      ['\u00e4b', 'a-umlaut'],
      ['\u212ab', 'Kelvin sign (case-folds to k under /iu)'],
      ['x a-b', 'a prefix: the unanchored pattern finds a-b'],
    ],
    grammar(r) {
      return randStr(r, 'azAZ09_' + '-. ', 1) + randStr(r, 'azAZ09_-' + '. /', r.int(0, 20)) + randStr(r, 'azAZ09_' + '-. ', r.int(0, 1));
    },
  },

  'com.amazonaws.iam#userNameType': {
    valid: ['jane', 'Jane.Doe+ops=1,x@example-co_9', 'a'],
    prefix: '',
    filler: 'u',
    extra: [
      ['jane doe', 'space inside'],
      ['jane/doe', 'slash'],
      ['jane\\doe', 'backslash'],
      ['jane*', 'asterisk'],
      ['j\u00e4ne', 'a-umlaut'],
      ['+=,.@-_', 'only punctuation of the class'],
      ['\u212a', 'Kelvin sign (case-folds to k under /iu)'],
      ['\u017f', 'long s (case-folds to s under /iu)'],
    ],
  },

  'com.amazonaws.iam#publicKeyMaterialType': {
    valid: [
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCy75ak jane@example.com\n',
      '-----BEGIN PUBLIC KEY-----\r\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\r\n-----END PUBLIC KEY-----\r\n',
      '\t\u00e9\u00ff',
    ],
    prefix: '',
    filler: 'A',
    extra: [
      ['\t', 'tab alone'],
      ['\n', 'line feed alone'],
      ['\r', 'carriage return alone'],
      ['\r\n', 'CRLF'],
      ['\u000b', 'vertical tab'],
      ['\u000c', 'form feed'],
      ['\u00a0', 'no-break space'],
      ['\u0085', 'next line (C1)'],
      ['\u2028', 'line separator'],
    ],
  },

  'com.amazonaws.iam#publicKeyIdType': {
    valid: ['APKAEIBAERJR2EXAMPLE', 'APKA_0123456789abcdefghijz'],
    prefix: 'APKA',
    filler: 'Z',
    extra: [
      ['APKAEIBAERJR2EXAMPL', '19 chars'],
      ['APKAEIBAERJR2EXAMPLE-', 'dash'],
      ['APKAEIBAERJR2EXAMPL\u00e9', 'e-acute at 20'],
      ['_'.repeat(20), 'underscores'],
      ['0'.repeat(128), '128 digits'],
    ],
  },

  'com.amazonaws.iam#markerType': {
    valid: ['AQoAAAABAAAAAAAAAA==', ' ', '\u00ff', 'x y\u00e9'],
    prefix: '',
    filler: 'M',
    extra: [
      ['\t', 'tab'],
      ['\n', 'line feed'],
      ['\u007f', 'DEL'],
      ['\u0080', 'first C1 control'],
      ['\u00a0', 'no-break space'],
    ],
  },

  'com.amazonaws.iam#publicKeyFingerprintType': {
    valid: ['7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51', 'SHA256_abc:def'],
    prefix: '',
    filler: '0',
    extra: [
      ['7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51', 'IAM sample: 47 chars, the model says 48'],
      ['7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51:', '48 chars with a trailing colon'],
      ['SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s', 'OpenSSH SHA256 form'],
      ['SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s=', 'base64 padding'],
      ['7a-1d', 'dash'],
      [':', 'colon alone'],
    ],
  },
};

function osUserExtras() {
  const x = [];
  const add = (s, note) => x.push([s, note]);
  for (const s of ['$', 'a', 'A', 'Z', 'z', '_', '1', '9', '@', '.', '-', '`', '[', '{']) add(s, 'one char');
  for (const s of ['a$', '_$', 'a$b', 'a$$', 'a@', 'a.', 'a-', 'a_', 'a@b.c-d_e$', 'root', 'ec2-user', 'Administrator'])
    add(s, 'letter first');
  for (const s of ['1$', '1a', '1@', '1.', '1_', '1-', '1A', '1a$', '1$a', '12', '1a@', '1a.', '1ab$', '0.0', '007'])
    add(s, 'digit first');
  for (let n = 29; n <= 34; n++) {
    add('a'.repeat(n), `letter first, ${n} chars`);
    add('a'.repeat(n - 1) + '$', `letter first ending in $, ${n} chars`);
    add('a'.repeat(n - 1) + '@', `letter first ending in @ (not in the last class), ${n} chars`);
    add('a'.repeat(n - 1) + '.', `letter first ending in . (not in the last class), ${n} chars`);
    add('_' + 'a'.repeat(n - 2) + '-', `underscore first ending in -, ${n} chars`);
    add('1'.repeat(n - 1) + 'a', `${n - 1} digits then a letter, ${n} chars`);
    add('1'.repeat(n - 2) + 'a$', `${n - 2} digits, a letter, $; ${n} chars`);
    add('1' + 'a'.repeat(n - 1), `one digit then letters, ${n} chars`);
    add('1' + '@'.repeat(n - 2) + '$', `one digit, @s, $; ${n} chars`);
    add('9' + '.'.repeat(n - 1), `one digit then dots, ${n} chars`);
    add('1'.repeat(n), `${n} digits`);
  }
  add('0'.repeat(32) + 'a', '32 digits then a letter (lookahead fails at 33)');
  add('0'.repeat(33) + 'a', '33 digits then a letter');
  add('1a\n', 'digit first, trailing newline');
  add('a\n', 'letter first, trailing newline');
  add('1a\u2028', 'digit first, line separator');
  add('1\u00e9', 'digit then e-acute');
  add('\u00e9a', 'e-acute first');
  return x;
}

// ---- PRNG and random helpers ---------------------------------------------

// mulberry32: a small, well-known 32-bit PRNG; deterministic for a seed.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)) };
}

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

function pick(r, arr) {
  return arr[Math.floor(r.next() * arr.length)];
}

// randStr draws n code points from alphabet, a string or an array of
// strings; ranges written "AZ" in a string alphabet are not expanded, so
// callers list edge letters on purpose (A, Z, a, z are the class edges).
function randStr(r, alphabet, n) {
  const cps = typeof alphabet === 'string' ? [...alphabet] : alphabet;
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, cps);
  return s;
}

// ---- class edges -----------------------------------------------------------

// Code points beyond the scanned range that every shape is tried with.
const SPECIALS = [0x2028, 0x2029, 0x212a, 0xfeff, 0xfffd, 0xffff, 0x1f600, 0x10ffff];
const MULTIBYTE = ['\u00e9', '\u00ff', '\u0100', '\u{1F600}'];
const SCAN_MAX = 0x2ff;

// classesOf splits a pattern into its atoms that match one character:
// bracket classes, \w-style escapes, '.', escaped and plain literals.
function classesOf(pattern) {
  const out = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      let j = i + 1;
      while (pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      out.push(pattern.slice(i, j + 1));
      i = j;
    } else if (c === '\\') {
      out.push(pattern.slice(i, i + 2));
      i++;
    } else if (c === '{') {
      i = pattern.indexOf('}', i);
    } else if (c === '(' && pattern[i + 1] === '?') {
      i += 2; // (?= or (?:
    } else if ('^$()|*+?'.includes(c)) {
      // syntax
    } else {
      out.push(c === '.' ? '.' : c);
    }
  }
  return [...new Set(out)];
}

// edgesOf returns the code points on both sides of every boundary of every
// class of the pattern, within U+0000..U+02FF, plus the specials.
function edgesOf(classes) {
  const edges = new Set(SPECIALS);
  for (const cls of classes) {
    const re = new RegExp('^(?:' + cls + ')$');
    let prev = re.test('\u0000');
    for (let cp = 1; cp <= SCAN_MAX; cp++) {
      const cur = re.test(String.fromCodePoint(cp));
      if (cur !== prev) {
        edges.add(cp - 1);
        edges.add(cp);
      }
      prev = cur;
    }
  }
  return [...edges].sort((a, b) => a - b).map((cp) => String.fromCodePoint(cp));
}

// inClassOf returns the scanned code points that some class of the pattern
// accepts: the alphabet the biased random strings mostly draw from.
function inClassOf(classes) {
  const res = classes.map((cls) => new RegExp('^(?:' + cls + ')$'));
  const out = [];
  for (let cp = 0; cp <= SCAN_MAX; cp++) {
    const s = String.fromCodePoint(cp);
    if (res.some((re) => re.test(s))) out.push(s);
  }
  return out;
}

// ---- the u-flag cross-check -----------------------------------------------

// forUnicodeMode rewrites identity escapes that the u grammar refuses
// (\@ and the like: a backslash before a character that is neither a syntax
// character nor an escape letter) to the plain character, which is what they
// mean in Annex B mode. Everything else is left as written.
function forUnicodeMode(pattern) {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      const n = pattern[i + 1];
      if (/[A-Za-z0-9]/.test(n) || '^$\\.*+?()[]{}|/-'.includes(n)) out += '\\' + n;
      else out += n;
      i++;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// ---- string building -------------------------------------------------------

function cpLen(s) {
  return [...s].length;
}

// exactLen builds a string of exactly n code points: the prefix cut to n,
// then the filler.
function exactLen(prefix, filler, n) {
  const p = [...prefix].slice(0, n).join('');
  return p + filler.repeat(n - cpLen(p));
}

function replaceAt(s, i, c) {
  const a = [...s];
  a[i] = c;
  return a.join('');
}

function insertAt(s, i, c) {
  const a = [...s];
  a.splice(i, 0, c);
  return a.join('');
}

function deleteAt(s, i) {
  const a = [...s];
  a.splice(i, 1);
  return a.join('');
}

function mutate(r, s, alphabet) {
  const k = r.int(1, 3);
  for (let i = 0; i < k; i++) {
    const n = cpLen(s);
    const op = r.int(0, 2);
    if (op === 0 && n > 0) s = replaceAt(s, r.int(0, n - 1), pick(r, alphabet));
    else if (op === 1 || n === 0) s = insertAt(s, r.int(0, n), pick(r, alphabet));
    else s = deleteAt(s, r.int(0, n - 1));
  }
  return s;
}

function cases(shapeId, trait, cfg, edges, inClass) {
  const out = [];
  const seen = new Set();
  const add = (s, note, kind) => {
    if (seen.has(s)) return;
    seen.add(s);
    out.push({ s, note, kind });
  };
  const { min, max } = trait;

  // empty, and the length boundaries with ASCII and multi-byte fillers
  add('', 'empty', 'boundary');
  const lens = new Set([1, 2]);
  if (min !== undefined) [min - 1, min].forEach((n) => n >= 0 && lens.add(n));
  if (max !== undefined) [max, max + 1].forEach((n) => lens.add(n));
  const prefixes = [cfg.prefix, ...(cfg.lengthPrefixes || [])];
  for (const n of [...lens].sort((a, b) => a - b)) {
    for (const p of prefixes) {
      add(exactLen(p, cfg.filler, n), `length ${n}, prefix ${JSON.stringify(p)}, ASCII filler`, 'boundary');
    }
    for (const mb of MULTIBYTE) {
      // Long runs of a character the pattern refuses only repeat what the
      // short ones and the "ends in" strings show; they are left out to keep
      // the goldens small.
      if (n <= 1000 || inClass.includes(mb)) add(mb.repeat(n), `length ${n}, all U+${hex(mb)}`, 'boundary');
      if (n >= 1) {
        add(exactLen(cfg.prefix, cfg.filler, n - 1) + mb, `length ${n}, ends in U+${hex(mb)}`, 'boundary');
      }
    }
  }

  // every class edge, in and around the templates
  for (const [ti, t] of cfg.valid.entries()) {
    const n = cpLen(t);
    const pos = ti === 0 && n <= 12 ? [...Array(n).keys()] : [0, 1, Math.floor(n / 2), n - 2, n - 1];
    for (const c of edges) {
      for (const p of new Set(pos.filter((p) => p >= 0 && p < n))) {
        add(replaceAt(t, p, c), `template ${ti}, U+${hex(c)} at ${p}`, 'edge');
      }
      if (ti === 0) {
        add(c + t, `template 0, U+${hex(c)} prepended`, 'edge');
        add(t + c, `template 0, U+${hex(c)} appended`, 'edge');
      }
    }
  }
  for (const c of edges) add(c, `U+${hex(c)} alone`, 'edge');

  // whitespace and line ends around a valid value
  for (const t of cfg.valid) {
    for (const [s, note] of [
      [t, 'template'],
      [' ' + t, 'leading space'],
      [t + ' ', 'trailing space'],
      [t + '\n', 'trailing newline'],
      ['\n' + t, 'leading newline'],
      [t + '\r\n', 'trailing CRLF'],
      [t + '\u0000', 'trailing NUL'],
      [t + '\t', 'trailing tab'],
    ]) {
      add(s, note, 'boundary');
    }
  }
  for (const [s, note] of cfg.extra) add(s, note, 'boundary');

  // seeded random strings
  const r = rng((SEED ^ fnv1a(shapeId)) >>> 0);
  const noisy = [...inClass, ...inClass, ...inClass, ...edges, ...MULTIBYTE];
  const randLen = () => {
    const x = r.next();
    if (x < 0.15 && min !== undefined) return Math.max(0, min + r.int(-2, 2));
    if (x < 0.3 && max !== undefined && max <= 400) return max + r.int(-2, 2);
    return r.int(0, Math.min(max === undefined ? 64 : max + 2, 140));
  };
  let made = 0;
  for (let tries = 0; made < RANDOM_PER_SHAPE && tries < RANDOM_PER_SHAPE * 20; tries++) {
    const x = r.next();
    let s;
    let note;
    if (cfg.grammar && x < 0.5) {
      s = cfg.grammar(r);
      note = 'random: grammar';
    } else if (x < 0.75) {
      s = mutate(r, pick(r, cfg.valid), noisy);
      note = 'random: mutated template';
    } else {
      s = randStr(r, noisy, randLen());
      note = 'random: class-biased';
    }
    if (seen.has(s)) continue;
    add(s, note, 'random');
    made++;
  }
  return out;
}

function hex(c) {
  return c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
}

// ---- output ----------------------------------------------------------------

// quote writes s as a JSON string, escaping control characters, C1 controls,
// the Unicode line separators and other invisible code points, so goldens
// read and diff as text; printable Latin-1, Latin Extended-A and the one
// emoji are kept as they are.
function quote(s) {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if ((cp >= 0xa1 && cp <= 0x17f && cp !== 0xad) || cp === 0x1f600) out += ch;
    else for (let i = 0; i < ch.length; i++) out += '\\u' + ch.charCodeAt(i).toString(16).padStart(4, '0');
  }
  return out + '"';
}

function provenance(readme, file) {
  const row = readme.split('\n').find((l) => l.startsWith('| `' + file + '`'));
  if (!row) throw new Error(`aws-models/README.md has no row for ${file}`);
  const cells = row.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
  return `${cells[2]}${cells[3] ? ', ' + cells[3] : ''} (see testdata/aws-models/README.md)`;
}

function main() {
  const readme = fs.readFileSync(path.join(MODELS_DIR, 'README.md'), 'utf8');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const written = new Set();
  const summary = [];
  for (const file of MODEL_FILES) {
    const raw = fs.readFileSync(path.join(MODELS_DIR, file));
    const sha = crypto.createHash('sha256').update(raw).digest('hex');
    let model = JSON.parse(raw.toString('utf8'));
    if (model.metadata && model.operations) model = fromBotocore(model);
    const shapes = model.shapes;

    // members that target each shape, with their required trait
    const members = {};
    for (const id of Object.keys(shapes).sort()) {
      const sh = shapes[id];
      if (sh.type !== 'structure') continue;
      for (const m of Object.keys(sh.members || {}).sort()) {
        const mem = sh.members[m];
        (members[mem.target] ||= []).push({
          member: `${id}$${m}`,
          required: Boolean(mem.traits && 'smithy.api#required' in mem.traits),
        });
      }
    }

    for (const id of Object.keys(shapes).sort()) {
      const sh = shapes[id];
      const traits = sh.traits || {};
      const pattern = traits['smithy.api#pattern'];
      const length = traits['smithy.api#length'];
      if (sh.type !== 'string' || (pattern === undefined && length === undefined)) continue;
      const cfg = SHAPES[id];
      if (!cfg) throw new Error(`gen.js knows no templates for ${id}: add it to SHAPES`);
      const trait = { min: length && length.min, max: length && length.max };

      let re = null;
      let reU = null;
      let uNote = 'no pattern';
      const classes = pattern === undefined ? [] : classesOf(pattern);
      if (pattern !== undefined) {
        const whole = (p) => (sh.anchored ? '^(?:' + p + ')$' : p);
        re = new RegExp(whole(pattern));
        const up = forUnicodeMode(pattern);
        reU = new RegExp(whole(up), 'u');
        uNote = up === pattern ? 'same results with the u flag' : `same results with the u flag (pattern written ${up})`;
      }
      const edges = edgesOf(classes);
      const inClass = pattern === undefined ? [...'AZaz09 +/=-\t', ...MULTIBYTE] : inClassOf(classes);

      const rows = [];
      for (const c of cases(id, trait, cfg, edges, inClass)) {
        const s = c.s;
        if (!s.isWellFormed()) throw new Error(`${id}: generated a string with a lone surrogate: ${quote(s)}`);
        const len = cpLen(s);
        const match = re === null ? null : re.test(s);
        if (reU !== null && reU.test(s) !== match) {
          throw new Error(`${id}: the u flag changes the result for ${quote(s)}: fix the comment at the top`);
        }
        const lenOK = (trait.min === undefined || len >= trait.min) && (trait.max === undefined || len <= trait.max);
        rows.push({ ...c, len, match, rule: lenOK && match !== false });
      }

      const short = id.split('#')[1];
      const header = {
        generator: 'internal/oracle/gen.js',
        node: process.version,
        v8: process.versions.v8,
        model: `testdata/aws-models/${file}`,
        modelSHA256: sha,
        provenance: provenance(readme, file),
        shape: id,
        pattern: pattern === undefined ? null : pattern,
        flags: '',
        ...(sh.anchored ? { anchored: true } : {}),
        uFlagCheck: uNote,
        length: length === undefined ? null : length,
        members: members[id] || [],
        classes,
        edges: edges.map((c) => 'U+' + hex(c)),
        counts: {
          cases: rows.length,
          random: rows.filter((x) => x.kind === 'random').length,
          patternMatch: rows.filter((x) => x.match === true).length,
          ruleAccept: rows.filter((x) => x.rule).length,
        },
      };
      let text = '{\n';
      for (const [k, v] of Object.entries(header)) text += `  ${JSON.stringify(k)}: ${k === 'pattern' && v !== null ? quote(v) : JSON.stringify(v)},\n`;
      text += '  "cases": [\n';
      text += rows
        .map(
          (x) =>
            `    {"s": ${quote(x.s)}, "len": ${x.len}, "pattern": ${JSON.stringify(x.match)}, ` +
            `"rule": ${x.rule}, "kind": "${x.kind}", "note": ${quote(x.note)}}`,
        )
        .join(',\n');
      text += '\n  ]\n}\n';
      JSON.parse(text); // self-check
      const name = short + '.json';
      fs.writeFileSync(path.join(OUT_DIR, name), text);
      written.add(name);
      summary.push(
        `${short}: ${rows.length} strings (${header.counts.random} random), ` +
          (re === null ? 'no pattern' : `${header.counts.patternMatch} match the pattern`) +
          `, ${header.counts.ruleAccept} accepted by length and pattern`,
      );
    }
  }
  for (const name of fs.readdirSync(OUT_DIR)) {
    if (name.endsWith('.json') && !written.has(name)) fs.unlinkSync(path.join(OUT_DIR, name));
  }
  for (const line of summary) console.log(line);
}

main();
