// The code cell's editor: CodeMirror 6 with Java highlighting, and compile errors as lint diagnostics.
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { java } from '@codemirror/lang-java';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec } from '@codemirror/state';
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword, t.definitionKeyword], color: '#8839ef', fontWeight: '500' },
  { tag: [t.typeName, t.className, t.namespace], color: '#1e66f5' },
  { tag: [t.string, t.special(t.string), t.character], color: '#40a02b' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#fe640b' },
  { tag: [t.lineComment, t.blockComment, t.docComment], color: '#8c8fa1', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: '#0d7a8a' },
  { tag: t.annotation, color: '#df8e1d' },
  { tag: [t.operator, t.punctuation, t.bracket], color: '#5c5f77' },
  { tag: t.invalid, color: '#d20f39' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '13.5px', backgroundColor: '#fff' },
  '.cm-content': { fontFamily: 'var(--mono)', padding: '10px 0' },
  '.cm-gutters': {
    backgroundColor: '#f7f8fa',
    color: '#9aa0ab',
    borderRight: '1px solid var(--line)',
    fontFamily: 'var(--mono)',
  },
  '.cm-activeLine': { backgroundColor: '#f4f7ff' },
  '.cm-activeLineGutter': { backgroundColor: '#e9eefb', color: '#4a5161' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { lineHeight: '1.55' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy #d63a4a',
    textUnderlineOffset: '3px',
    backgroundColor: '#fdecee',
  },
  '.cm-tooltip-lint': { fontFamily: 'var(--sans)', fontSize: '13px' },
});

/**
 * An editor in `parent`. `onRun` and `onSubmit` are bound to Ctrl/Cmd-Enter and Ctrl/Cmd-Shift-Enter;
 * `onChange(text)` is called after each edit.
 */
export function createEditor(parent, { doc, onRun, onSubmit, onChange }) {
  const shortcuts = Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: () => (onRun?.(), true) },
      { key: 'Mod-Shift-Enter', run: () => (onSubmit?.(), true) },
    ]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        shortcuts,
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        indentUnit.of('    '),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        java(),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': 'Java source of Main.java' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange?.(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** Marks compile errors ({line, column, message}, 1-based) in the editor; [] clears them. */
    showErrors(errors) {
      const doc = view.state.doc;
      const diagnostics = errors.map((e) => {
        const lineNo = Math.min(Math.max(1, e.line || 1), doc.lines);
        const line = doc.line(lineNo);
        const from = Math.min(line.from + Math.max(0, (e.column || 1) - 1), line.to);
        // Underline the word at the column, or the whole line when the column is at its end.
        const rest = doc.sliceString(from, line.to);
        const word = /^[\w$]+/.exec(rest)?.[0].length ?? 1;
        let to = Math.min(from + word, line.to);
        let start = from;
        if (to <= start) {
          start = line.from + (line.text.length - line.text.trimStart().length);
          to = line.to;
        }
        return { from: start, to: Math.max(to, start), severity: 'error', message: e.message, source: 'javac' };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Puts the cursor on a line and scrolls to it. */
    goTo(lineNo) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, lineNo), doc.lines));
      view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      view.focus();
    },
  };
}
