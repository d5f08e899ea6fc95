// Every call of a catalogue API (the names are filled in by bench/measures/coccinelle.mjs),
// printed as CALL<TAB>file<TAB>line<TAB>name: the same question `irqlens facts` answers.
@call@
identifier f =~ "^(@NAMES@)$";
expression list args;
position p;
@@
f@p(args)

@script:python@
f << call.f;
p << call.p;
@@
print("CALL\t%s\t%s\t%s" % (p[0].file, p[0].line, f))
