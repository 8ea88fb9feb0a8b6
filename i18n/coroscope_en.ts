<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Coroscope::AppController</name>
    <message numerus="yes">
        <location filename="../qml/cpp/appcontroller.cpp" line="+408"/>
        <source>sweep %1 over %2 = %3 (%n run(s))</source>
        <translation>
            <numerusform>sweep %1 over %2 = %3 (%n run)</numerusform>
            <numerusform>sweep %1 over %2 = %3 (%n runs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::Cli</name>
    <message numerus="yes">
        <location filename="../core/cli/cli.cpp" line="+220"/>
        <source> (and %n more, +%1 s in all)</source>
        <translation>
            <numerusform> (and %n more, +%1 s in all)</numerusform>
            <numerusform> (and %n more, +%1 s in all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>  delayed    … and %n more culprit(s) (the run file&apos;s &quot;blame&quot; list has them all)
</source>
        <translation>
            <numerusform>  delayed    … and %n more culprit (the run file&apos;s &quot;blame&quot; list has them all)
</numerusform>
            <numerusform>  delayed    … and %n more culprits (the run file&apos;s &quot;blame&quot; list has them all)
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>  all async  %1 s if its %n blocking step(s) were async
</source>
        <translation>
            <numerusform>  all async  %1 s if its %n blocking step were async
</numerusform>
            <numerusform>  all async  %1 s if its %n blocking steps were async
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+616"/>
        <source>%1: %n value(s) of %2 failed</source>
        <translation>
            <numerusform>%1: %n value of %2 failed</numerusform>
            <numerusform>%1: %n values of %2 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+111"/>
        <source>  python     %1, %n task(s)
</source>
        <translation>
            <numerusform>  python     %1, %n task
</numerusform>
            <numerusform>  python     %1, %n tasks
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::Exporter</name>
    <message numerus="yes">
        <location filename="../qml/cpp/exporter.cpp" line="+424"/>
        <source>%n pinned runs on one time axis</source>
        <translation>
            <numerusform>%n pinned run on one time axis</numerusform>
            <numerusform>%n pinned runs on one time axis</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::GanttModel</name>
    <message numerus="yes">
        <location filename="../core/render/ganttmodel.cpp" line="+234"/>
        <source>+%n more task(s)</source>
        <translation>
            <numerusform>+%n more task</numerusform>
            <numerusform>+%n more tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::GanttPainter</name>
    <message numerus="yes">
        <location filename="../core/render/ganttpainter.cpp" line="+180"/>
        <source>replay at %1 of %2 — %n in flight</source>
        <translation>
            <numerusform>replay at %1 of %2 — %n in flight</numerusform>
            <numerusform>replay at %1 of %2 — %n in flight</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>%n cores</source>
        <translation>
            <numerusform>%n core</numerusform>
            <numerusform>%n cores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::Prediction</name>
    <message numerus="yes">
        <location filename="../core/timeline/prediction.cpp" line="+428"/>
        <source>this run has %n task(s) besides main</source>
        <translation>
            <numerusform>this run has %n task besides main</numerusform>
            <numerusform>this run has %n tasks besides main</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::RunHandle</name>
    <message numerus="yes">
        <location filename="../qml/cpp/runhandle.cpp" line="+145"/>
        <source>If the run&apos;s %n blocking step(s) were async (awaited instead of holding the loop): %1.</source>
        <translation>
            <numerusform>If the run&apos;s %n blocking step were async (awaited instead of holding the loop): %1.</numerusform>
            <numerusform>If the run&apos;s %n blocking steps were async (awaited instead of holding the loop): %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepController</name>
    <message numerus="yes">
        <location filename="../qml/cpp/sweepcontroller.cpp" line="+47"/>
        <source>%n value(s) of %1</source>
        <translation>
            <numerusform>%n value of %1</numerusform>
            <numerusform>%n values of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepFigure</name>
    <message numerus="yes">
        <location filename="../core/render/sweepfigure.cpp" line="+179"/>
        <source>%n value(s), median of %1 runs each</source>
        <translation>
            <numerusform>%n value, median of %1 runs each</numerusform>
            <numerusform>%n values, median of %1 runs each</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n value(s), one run each</source>
        <translation>
            <numerusform>%n value, one run each</numerusform>
            <numerusform>%n values, one run each</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>stopped after %1 of %n value(s)</source>
        <translation>
            <numerusform>stopped after %1 of %n value</numerusform>
            <numerusform>stopped after %1 of %n values</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message numerus="yes">
        <location filename="../qml/HistoryList.qml" line="+19"/>
        <source>%n saved runs in %1</source>
        <translation>
            <numerusform>%n saved run in %1</numerusform>
            <numerusform>%n saved runs in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
