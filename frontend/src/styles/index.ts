// The stylesheets both apps load: the shell (app.css) and the step content
// with its syntax highlighting in light and dark.
import './app.css';
import './codelab-page.css';
import './content.css';
import './code-light.css';
import './code-dark.css';
