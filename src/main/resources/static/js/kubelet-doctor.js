/*
 * kubelet-doctor report pages: progressive enhancement only. Every block marked data-copy gets a
 * Copy button; without this script the commands are plain selectable text. Text is only ever
 * set with textContent, never parsed as HTML.
 */
(function () {
	'use strict';

	var RESET_AFTER_MS = 4000;

	/* The Clipboard API needs a secure context (https or localhost); plain http falls back to a selection copy. */
	function writeClipboard(text) {
		if (navigator.clipboard && window.isSecureContext) {
			return navigator.clipboard.writeText(text);
		}
		return new Promise(function (resolve, reject) {
			var area = document.createElement('textarea');
			area.value = text;
			area.setAttribute('readonly', '');
			area.className = 'copy-buffer';
			document.body.appendChild(area);
			area.select();
			var copied = false;
			try {
				copied = document.execCommand('copy');
			}
			catch (e) {
				copied = false;
			}
			document.body.removeChild(area);
			if (copied) {
				resolve();
			}
			else {
				reject(new Error('copy refused'));
			}
		});
	}

	/* After a refused copy, select the commands so Ctrl+C or a long press finishes the job. */
	function selectContents(block) {
		var range = document.createRange();
		range.selectNodeContents(block);
		var selection = window.getSelection();
		selection.removeAllRanges();
		selection.addRange(range);
	}

	function addButton(block) {
		var label = block.getAttribute('data-copy-label') || 'commands';
		var button = document.createElement('button');
		button.type = 'button';
		button.className = 'copy-button';
		button.textContent = 'Copy';
		button.setAttribute('aria-label', 'Copy commands: ' + label);
		var status = document.createElement('span');
		status.className = 'visually-hidden';
		status.setAttribute('role', 'status');
		var timer = null;

		button.addEventListener('click', function () {
			var text = block.textContent.replace(/\s+$/, '');
			writeClipboard(text).then(function () {
				show('Copied', 'copied', 'Commands copied to the clipboard');
			}, function () {
				selectContents(block);
				show('Press Ctrl+C', 'copy-failed', 'Copying was refused; the commands are selected');
			});
		});

		function show(text, state, announcement) {
			button.textContent = text;
			button.classList.remove('copied', 'copy-failed');
			button.classList.add(state);
			status.textContent = announcement;
			window.clearTimeout(timer);
			timer = window.setTimeout(function () {
				button.textContent = 'Copy';
				button.classList.remove(state);
				status.textContent = '';
			}, RESET_AFTER_MS);
		}

		var head = block.previousElementSibling;
		var holder = (head && head.classList.contains('command-head')) ? head : null;
		if (holder) {
			holder.appendChild(button);
			holder.appendChild(status);
		}
		else {
			var bar = document.createElement('div');
			bar.className = 'command-head command-head-plain';
			bar.appendChild(button);
			bar.appendChild(status);
			block.parentNode.insertBefore(bar, block);
		}
	}

	function enhance() {
		var blocks = document.querySelectorAll('[data-copy]');
		for (var i = 0; i < blocks.length; i++) {
			addButton(blocks[i]);
		}
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', enhance);
	}
	else {
		enhance();
	}
}());
