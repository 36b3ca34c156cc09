import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { NotebookPage } from '../../components/NotebookPage';
// The panel's look (colours, buttons, notices), then this page's own layout.
import '../panel/panel.css';
import './notebook.css';

export default defineUnlistedScript(() => {
  render(<NotebookPage appVersion={browser.runtime.getManifest().version} />, document.getElementById('app')!);
});
