// The login page keeps the workbench page it was asked for. Signed out, /app/#/subject/123 is redirected here and the
// browser keeps the fragment (#/subject/123), which the server never sees. Posting the form to /login#/subject/123
// makes the browser carry it on through the redirects back to /app/, where the sign-in (auth.js) returns to it.
const form = document.querySelector('form.login-form');
if (form && location.hash) {
	form.action = `${form.getAttribute('action')}${location.hash}`;
}
