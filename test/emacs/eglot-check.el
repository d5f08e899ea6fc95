;;; eglot-check.el --- the batch check behind docs/editors.md's Emacs section  -*- lexical-binding: t -*-
;; Opens a C file with the eglot configuration of docs/editors.md, waits for Flymake's
;; diagnostics from irqlens, asks for a hover on line 20 and runs irqlens.server.devices.
;;   IRQLENS_CMD="node /path/to/dist/cli.js" emacs -Q --batch -l test/emacs/eglot-check.el FILE.c
;; Run by test/emacs/eglot.test.ts with Debian's Emacs 28.2 and elpa-eglot 1.9.
(setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)
(let ((cmd (split-string (or (getenv "IRQLENS_CMD") "irqlens"))))
  (add-to-list 'eglot-server-programs
               `((c-mode c++-mode c-ts-mode c++-ts-mode) . (,@cmd "lsp" "--stdio"))))
(setq-default eglot-workspace-configuration '(:irqlens (:backgroundScan t)))
(defun irqlens-check--wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.1))))
(find-file (car command-line-args-left))
(c-mode)
(eglot-ensure)
(run-hooks 'post-command-hook)
(irqlens-check--wait #'eglot-current-server 20)
(unless (eglot-current-server) (princ "no server\n") (kill-emacs 1))
(irqlens-check--wait (lambda () (flymake-start) (flymake-diagnostics)) 20)
(dolist (d (flymake-diagnostics))
  (princ (format "%d %s %s\n" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-type d)
                 (car (split-string (flymake-diagnostic-text d) "\n")))))
(goto-char (point-min)) (forward-line 19) (forward-char 10)
(let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
  (princ (format "hover: %s\n" (if hover (car (split-string (plist-get (plist-get hover :contents) :value) "\n")) "none"))))
(princ (format "devices: %S\n" (jsonrpc-request (eglot-current-server) :workspace/executeCommand '(:command "irqlens.server.devices" :arguments []))))
(let ((ok (and (flymake-diagnostics) t)))
  (eglot-shutdown (eglot-current-server))
  (kill-emacs (if ok 0 1)))
