<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ChartView</name>
    <message>
        <location filename="../qml/ChartView.qml" line="+177"/>
        <source>Back to the start (Home)</source>
        <translation>처음으로 (Home)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pause the replay (Space)</source>
        <translation>다시 보기 일시 정지 (Space)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replay the run: the chart as it was at each instant (Space)</source>
        <translation>실행 다시 보기: 각 순간의 차트 그대로 (Space)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To the next event: a step begins, becomes ready or ends (→; ← goes back)</source>
        <translation>다음 사건으로: 단계가 시작되거나 준비되거나 끝나는 곳 (→, ←는 뒤로)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Drag to any instant; at the end the whole run is shown</source>
        <translation>원하는 순간으로 끌어 보세요. 끝에서는 실행 전체가 보입니다</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Replay speed: 0.1× shows a 0.3 s run over 3 s</source>
        <translation>다시 보기 속도: 0.1×이면 0.3초 실행을 3초 동안 보여 줍니다</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add a note at %1 s…</source>
        <translation>%1 s에 메모 추가…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a note on %1–%2 s…</source>
        <translation>%1–%2 s 구간에 메모 추가…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a note on a range (drag along the axis first)</source>
        <translation>구간에 메모 추가 (먼저 시간 축을 따라 드래그하세요)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit “%1”…</source>
        <translation>“%1” 수정…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete this note</source>
        <translation>이 메모 삭제</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit the note</source>
        <translation>메모 수정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note on %1–%2 s</source>
        <translation>%1–%2 s 구간의 메모</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note at %1 s</source>
        <translation>%1 s의 메모</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>what happens here, e.g. the loop is blocked</source>
        <translation>여기서 일어나는 일, 예: 루프가 막힘</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Drawn on the chart and in every export; kept with the run.</source>
        <translation>차트와 모든 내보내기에 그려지고, 실행 기록과 함께 보관됩니다.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This chart is a run of %1 — press Run (Ctrl+R) for %2</source>
        <translation>이 차트는 %1 실험의 실행 결과입니다 — %2 실험을 보려면 실행(Ctrl+R)을 누르세요</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The whole run; the highlighted box is the part shown (drag it). Keys: W/S zoom, A/D pan, 0 fits.</source>
        <translation>실행 전체입니다. 상자가 지금 보이는 부분입니다(드래그해 이동). 키: W/S 확대·축소, A/D 좌우 이동, 0 전체 맞춤.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Arrows</source>
        <translation>화살표</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blame arrows from what held the loop to the steps it delayed (+delay), and on hover the wake-up arrow from what made a step ready</source>
        <translation>루프를 점유한 단계에서 그 때문에 지연된 단계로 향하는 원인 화살표(+지연 시간), 마우스를 올리면 해당 단계를 준비 상태로 만든 단계에서 오는 깨우기 화살표</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>States</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The thin strip under each task: running · suspended · ready but waiting for the loop · holding the thread</source>
        <translation>각 태스크 아래의 얇은 띠: 실행 중 · 일시 중단 · 준비됐지만 루프 대기 중 · 스레드 점유</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ideal</source>
        <translation>이상적</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dashed outlines where each step would be with zero overhead, each task&apos;s overhead, and the time if every blocking step were async</source>
        <translation>오버헤드가 없을 때 각 단계가 놓일 자리의 점선 윤곽, 태스크별 오버헤드, 블로킹 단계가 모두 비동기였다면 걸렸을 시간</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Zoom to range</source>
        <translation>범위 확대</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show just the selected range (Z); Esc or a click on the chart ends the selection</source>
        <translation>선택한 범위만 표시합니다(Z). Esc를 누르거나 차트를 클릭하면 선택이 해제됩니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the whole run again (0, or double-click the chart)</source>
        <translation>실행 전체를 다시 표시합니다(0 또는 차트 더블클릭)</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../qml/CompareView.qml" line="+26"/>
        <source>Nothing pinned yet.
Run an experiment and pin it (Ctrl+P), then run another and pin it too: they appear here on one time axis — e.g. http-blocking-x2 above http-async-x2.</source>
        <translation>아직 고정한 실행이 없습니다.
실험을 실행해 고정(Ctrl+P)하고, 다른 실험도 실행해 고정하세요. 고정한 실행이 여기에 하나의 시간 축으로 나란히 표시됩니다 — 예: http-async-x2 위에 http-blocking-x2.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Unpin</source>
        <translation>고정 해제</translation>
    </message>
</context>
<context>
    <name>Coroscope::Analysis</name>
    <message>
        <location filename="../core/timeline/analysis.cpp" line="+96"/>
        <source>ready, waiting for the loop</source>
        <translation>준비됨, 루프 대기 중</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holding the thread</source>
        <translation>스레드 점유</translation>
    </message>
    <message>
        <location line="+287"/>
        <source>blocking %1</source>
        <translation>블로킹 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU work %1</source>
        <translation>CPU 작업 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the loop stalled (nothing recorded was holding it) while %1 was ready</source>
        <translation>%1 단계가 준비된 동안 루프가 멈춤(루프를 점유한 단계는 기록되지 않음)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ran a nested event loop, which kept %2 from returning</source>
        <translation>%1 단계 안에서 중첩 이벤트 루프가 실행되어 %2 단계가 반환되지 못함</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 held the loop while %2 was ready</source>
        <translation>%2 단계가 준비된 동안 %1 단계가 루프를 점유함</translation>
    </message>
</context>
<context>
    <name>Coroscope::AppController</name>
    <message>
        <location filename="../qml/cpp/appcontroller.cpp" line="+84"/>
        <source>sweep: %1</source>
        <translation>스윕: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>stderr: %1</source>
        <translation>stderr: %1</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>seed %1 · ideal %2</source>
        <translation>원글 %1 · 이상적 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>What you should see.</source>
        <translation>예상 결과.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters.</source>
        <translation>파라미터.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot run here:</source>
        <translation>이 환경에서 실행할 수 없음:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No Python excerpt for this experiment: it has no counterpart in the seeds (%1).</source>
        <translation>이 실험에는 Python 발췌 코드가 없습니다: 원글에 대응하는 코드가 없습니다(%1).</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+92"/>
        <location line="+148"/>
        <location line="+49"/>
        <source>Wait until %1 is open (or open another file).</source>
        <translation>%1 파일이 열릴 때까지 기다리세요 (또는 다른 파일을 여세요).</translation>
    </message>
    <message>
        <location line="-285"/>
        <source>A traced Python program is still running: stop it first.</source>
        <translation>트레이스 중인 Python 프로그램이 아직 실행 중입니다: 먼저 중지하세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A sweep is going: stop it first.</source>
        <translation>스윕이 진행 중입니다. 먼저 멈추세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+84"/>
        <source>Pick an experiment first.</source>
        <translation>먼저 실험을 선택하세요.</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Your prediction must be a positive number of seconds, e.g. 0.6 — got &apos;%1&apos;.</source>
        <translation>예측은 초 단위의 양수여야 합니다. 예: 0.6 — 입력값: &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+416"/>
        <source>Which tasks will run at once — &apos;%1&apos;: %2.</source>
        <translation>어떤 태스크가 동시에 실행될지 — &apos;%1&apos;: %2.</translation>
    </message>
    <message>
        <location line="-373"/>
        <source>run %1 (%2)</source>
        <translation>실행 %1 (%2)</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>sweep of %1: %2</source>
        <translation>%1 스윕: %2</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Quiz: what will happen, and how long will it take? Predict, then run.</source>
        <translation>퀴즈: 어떤 일이 일어나고 얼마나 걸릴까요? 예측한 다음 실행하세요.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>seed %1</source>
        <translation>원글 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hidden in quiz mode, with the ideal and the explanation: type your prediction, run it, then read them here.</source>
        <translation>퀴즈 모드에서는 이상적 시간, 설명과 함께 숨겨집니다: 예측을 적고 실행한 다음 여기서 읽으세요.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Which tasks will run at once — %1.</source>
        <translation>어떤 태스크가 동시에 실행될지 — %1.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>A run is going: stop it first.</source>
        <translation>실행이 진행 중입니다. 먼저 멈추세요.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type the values of %1 to sweep, e.g. 1,2,4,8 or 1..8:*2.</source>
        <translation>스윕할 %1 값을 입력하세요. 예: 1,2,4,8 또는 1..8:*2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 has no parameter %2 to sweep.</source>
        <translation>%1에는 스윕할 매개변수 %2가 없습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sweep needs at least two values of %1, e.g. 1,2,4,8 or 1..8:*2.</source>
        <translation>스윕에는 %1 값이 두 개 이상 필요합니다. 예: 1,2,4,8 또는 1..8:*2</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>sweep %1 over %2 = %3 (%n run(s))</source>
        <translation>
            <numerusform>스윕 %1, %2 = %3 (실행 %n회)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>sweep stopped — the values done are kept</source>
        <translation>스윕을 멈췄습니다 — 끝난 값은 남습니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: stopped — the partial timeline is kept</source>
        <translation>%1: 중지됨 — 부분 타임라인은 유지됩니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: stopping the program&apos;s process group — the partial timeline is kept</source>
        <translation>%1: 프로그램의 프로세스 그룹을 중지하는 중 — 부분 타임라인은 유지됩니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: stopped before it started</source>
        <translation>%1: 시작하기 전에 중지됨</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Choose the Python program to trace.</source>
        <translation>트레이스할 Python 프로그램을 선택하세요.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This experiment&apos;s seed has no runnable Python.</source>
        <translation>이 실험의 원글에는 실행할 수 있는 Python 코드가 없습니다.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot write the seed&apos;s Python to %1</source>
        <translation>원글의 Python 코드를 %1에 쓸 수 없습니다</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — the seed&apos;s Python (asyncio)</source>
        <translation>%1 — 원글의 Python 코드 (asyncio)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A run is still going: stop it first.</source>
        <translation>실행이 아직 진행 중입니다: 먼저 중지하세요.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>trace: %1</source>
        <translation>트레이스: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tracing %1</source>
        <translation>%1 트레이스 중</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>finding a PostgreSQL for %1…</source>
        <translation>%1에 쓸 PostgreSQL을 찾는 중…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No PostgreSQL for the program: %1</source>
        <translation>프로그램에 쓸 PostgreSQL이 없습니다: %1</translation>
    </message>
    <message>
        <location line="+108"/>
        <location line="+79"/>
        <source>history: %1</source>
        <translation>기록: %1</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Wait for the run to finish before writing notes on it.</source>
        <translation>실행이 끝난 뒤에 메모를 쓰세요.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to write a note on yet: run an experiment first.</source>
        <translation>아직 메모를 쓸 실행이 없습니다: 먼저 실험을 실행하세요.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 — export the run to keep it</source>
        <translation>%1 — 보관하려면 실행을 내보내세요</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>note added: %1</source>
        <translation>메모 추가: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+19"/>
        <source>That note is not there any more.</source>
        <translation>그 메모는 더 이상 없습니다.</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>note changed: %1</source>
        <translation>메모 수정: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>note deleted</source>
        <translation>메모 삭제</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Wait for the run to finish before pinning it.</source>
        <translation>실행이 끝난 뒤에 고정하세요.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to pin yet: run an experiment first.</source>
        <translation>아직 고정할 것이 없습니다: 먼저 실험을 실행하세요.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pinned %1</source>
        <translation>고정됨: %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>copied the chart to the clipboard</source>
        <translation>차트를 클립보드에 복사함</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Stop the run before opening another one.</source>
        <translation>다른 실행을 열기 전에 현재 실행을 중지하세요.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opening %1 (%2 MB)…</source>
        <translation>%1 여는 중 (%2 MB)…</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+32"/>
        <source>opened %1</source>
        <translation>열림: %1</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>%1: not enough memory to open it</source>
        <translation>%1: 열기에 메모리가 부족합니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot open it: %2</source>
        <translation>%1: 열 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not opened (another file was asked for)</source>
        <translation>%1: 열지 않았습니다 (다른 파일을 열도록 요청됨)</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>language: %1</source>
        <translation>언어: %1</translation>
    </message>
</context>
<context>
    <name>Coroscope::Cli</name>
    <message>
        <location filename="../core/cli/cli.cpp" line="+109"/>
        <source>unknown experiment &apos;%1&apos;</source>
        <translation>알 수 없는 실험 &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &apos;coroscope list&apos; to see the experiments.</source>
        <translation>실험 목록은 &apos;coroscope list&apos;로 볼 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did you mean: %1?</source>
        <translation>혹시 이것을 찾으셨나요? %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List the experiments.</source>
        <translation>실험 목록을 출력합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the list as JSON.</source>
        <translation>목록을 JSON으로 출력합니다.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>  [unavailable: %1]</source>
        <translation>  [사용 불가: %1]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
Run one: coroscope run ID [--param delay=0.3]   Details: coroscope describe ID
</source>
        <translation>
실행: coroscope run ID [--param delay=0.3]   자세히: coroscope describe ID
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Describe an experiment: what it does, its parameters and its source.</source>
        <translation>실험을 설명합니다: 하는 일, 파라미터, 소스 코드.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out the C++ source.</source>
        <translation>C++ 소스 코드를 생략합니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+340"/>
        <location line="+239"/>
        <source>The experiment (see &apos;coroscope list&apos;).</source>
        <translation>실험 ID (&apos;coroscope list&apos; 참고).</translation>
    </message>
    <message>
        <location line="-569"/>
        <source>describe needs exactly one experiment id</source>
        <translation>describe에는 실험 ID가 정확히 하나 필요합니다</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Usage: coroscope describe ID</source>
        <translation>사용법: coroscope describe ID</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>group: %1    seed: %2    ideal: %3

</source>
        <translation>그룹: %1    원글: %2    이상적 시간: %3

</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What to expect: </source>
        <translation>예상 결과: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters:
</source>
        <translation>파라미터:
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>
Unavailable here: %1
</source>
        <translation>
이 환경에서는 사용할 수 없음: %1
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Source (core/experiments/%1):

</source>
        <translation>
소스 코드 (core/experiments/%1):

</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>  delayed    %1: +%2 s%3
</source>
        <translation>  delayed    %1: +%2 s%3
</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>  scheduled  %1 s with zero overhead (the recorded steps replayed)
</source>
        <translation>  scheduled  오버헤드가 0일 때 %1 s (기록된 단계를 그대로 재생)
</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>  all async  %1 s if its %n blocking step(s) were async
</source>
        <translation>
            <numerusform>  all async  블로킹 단계 %n개가 모두 async였다면 %1 s
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>overlapped (up to %1 at once)</source>
        <translation>겹쳐 실행됨 (최대 %1개 동시)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no overlap (one at a time)</source>
        <translation>겹침 없음 (한 번에 하나씩)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>loop frozen for %1</source>
        <translation>이벤트 루프가 %1 동안 멈춤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on ideal</source>
        <translation>이상적 시간과 일치</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 over ideal</source>
        <translation>이상적 시간보다 %1 더 걸림</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> — as expected</source>
        <translation> — 예상대로</translation>
    </message>
    <message>
        <location line="-8"/>
        <source> — NOT as expected</source>
        <translation> — 예상과 다름</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Usage: coroscope run ID [--param k=v]... [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide blame|states|ideal] [--text] [--repeat N] [--json] [--predict S] [--predict-overlap 1+2|none|all] [--note T:TEXT]...</source>
        <translation>사용법: coroscope run ID [--param k=v]... [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide blame|states|ideal] [--text] [--repeat N] [--json] [--predict S] [--predict-overlap 1+2|none|all] [--note T:TEXT]...</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Write FILE (repeatable): .png, .svg, .pdf — the chart; .json — the run file; .trace.json — Chrome trace (Perfetto); .csv — one row per span.</source>
        <translation>FILE에 씁니다 (여러 번 지정 가능): .png, .svg, .pdf — 차트; .json — 실행 기록 파일; .trace.json — Chrome 트레이스 (Perfetto); .csv — span마다 한 행.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PNG device pixel ratio, e.g. 2 for HiDPI (0.5–4).</source>
        <translation>PNG의 장치 픽셀 비율, 예: HiDPI는 2 (0.5–4).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart theme: light (default) or dark.</source>
        <translation>차트 테마: light(기본값) 또는 dark.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart width in pixels at 96 dpi (400–10000).</source>
        <translation>96 dpi 기준 차트 너비(픽셀) (400–10000).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the chart as Unicode bars.</source>
        <translation>차트를 유니코드 막대로 출력합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out of the chart (repeatable): blame (arrows from what held the loop), states (the task state strips), ideal (ghost outlines at zero overhead, overheads, the all-async marker).</source>
        <translation>차트에서 생략할 요소 (여러 번 지정 가능): blame (이벤트 루프를 붙잡고 있던 단계에서 나오는 화살표), states (태스크 상태 띠), ideal (오버헤드가 0일 때의 고스트 윤곽선, 오버헤드, all-async 표시).</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>--hide takes blame, states or ideal, got &apos;%1&apos;</source>
        <translation>--hide에는 blame, states, ideal 중 하나를 지정해야 합니다. 입력값: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot export &apos;%1&apos;: unsupported format &apos;.%2&apos; (supported: %3)</source>
        <translation>&apos;%1&apos; 내보내기 실패: 지원하지 않는 형식 &apos;.%2&apos; (지원 형식: %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot export &apos;%1&apos;: it is %2, not a regular file; refusing to replace it</source>
        <translation>&apos;%1&apos; 내보내기 실패: 일반 파일이 아닌 %2이므로 덮어쓰지 않습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a folder</source>
        <translation>디렉터리</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a device, pipe or socket</source>
        <translation>장치, 파이프 또는 소켓</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot export &apos;%1&apos;: directory %2 does not exist or is not writable</source>
        <translation>&apos;%1&apos; 내보내기 실패: 디렉터리 %2이(가) 없거나 쓸 수 없습니다</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+400"/>
        <source>wrote %1
</source>
        <translation>저장했습니다: %1
</translation>
    </message>
    <message>
        <location line="-322"/>
        <source>Run an experiment and report wall, ideal and overhead.</source>
        <translation>실험을 실행하고 wall(실제 경과 시간), ideal(이상적 시간), overhead(오버헤드)를 보고합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set a parameter, e.g. delay=0.3 (repeatable).</source>
        <translation>파라미터를 설정합니다. 예: delay=0.3 (여러 번 지정 가능).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run N times and report median and p95.</source>
        <translation>N번 실행하고 중앙값과 p95를 보고합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL to use (libpq connection string or URI); default: COROSCOPE_PG_DSN, the PG* variables, or a private throwaway cluster.</source>
        <translation>사용할 PostgreSQL (libpq 연결 문자열 또는 URI). 기본값: COROSCOPE_PG_DSN, PG* 환경 변수, 또는 전용 일회용 클러스터.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+239"/>
        <source>Print the results as JSON on stdout.</source>
        <translation>결과를 JSON으로 stdout에 출력합니다.</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>run needs exactly one experiment id</source>
        <translation>run에는 실험 ID가 정확히 하나 필요합니다</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>--param &apos;%1&apos; is not key=value (e.g. --param delay=0.3)</source>
        <translation>--param &apos;%1&apos;: key=value 형식이 아닙니다 (예: --param delay=0.3)</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>interrupted: cancelling the run (Ctrl+C again to quit at once)</source>
        <translation>중단됨: 실행을 취소하는 중입니다 (즉시 종료하려면 Ctrl+C를 한 번 더 누르세요)</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>  params     %1
</source>
        <translation>  params     %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  runs       %1
</source>
        <translation>  runs       %1회
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  wall       median %1 s, p95 %2 s
</source>
        <translation>  wall       중앙값 %1 s, p95 %2 s
</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>  ideal      %1 s
</source>
        <translation>  ideal      %1 s
</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>  overhead   median %1, p95 %2
</source>
        <translation>  overhead   중앙값 %1, p95 %2
</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+278"/>
        <source>  wall       %1 s
</source>
        <translation>  wall       %1 s
</translation>
    </message>
    <message>
        <location line="-276"/>
        <source>  overhead   %1
</source>
        <translation>  overhead   %1
</translation>
    </message>
    <message>
        <location line="-442"/>
        <source>  overlap    max %1 at once, average %2
</source>
        <translation>  overlap    최대 동시 %1개, 평균 %2
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  loop       longest stall %1%2
</source>
        <translation>  loop       가장 긴 멈춤 %1%2
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, frozen %1 in all</source>
        <translation>, 총 %1 동안 멈춤</translation>
    </message>
    <message>
        <location line="+448"/>
        <source>  verdict    %1
</source>
        <translation>  verdict    %1
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>was cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="-447"/>
        <location line="+447"/>
        <location line="+266"/>
        <source>failed</source>
        <translation>실패함</translation>
    </message>
    <message numerus="yes">
        <location line="-774"/>
        <source> (and %n more, +%1 s in all)</source>
        <translation>
            <numerusform> (외 %n건, 총 +%1 s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>  delayed    … and %n more culprit(s) (the run file&apos;s &quot;blame&quot; list has them all)
</source>
        <translation>
            <numerusform>  delayed    … 그 밖의 원인 %n개 (실행 기록 파일의 &quot;blame&quot; 목록에 모두 있습니다)
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+79"/>
        <source> — the shape as expected, but %1× the ideal</source>
        <translation> — 모양은 예상대로지만 이상적 시간의 %1배</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage: coroscope render RUN.json|TRACE.json [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide blame|states|ideal] [--text] [--note T:TEXT]... [--until T]</source>
        <translation>사용법: coroscope render RUN.json|TRACE.json [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide blame|states|ideal] [--text] [--note T:TEXT]... [--until T]</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>A note on the chart (repeatable): TIME:TEXT at an instant or FROM-TO:TEXT over a range, in seconds (0.25) or milliseconds (250ms). Drawn in every export, kept in the run file and the Chrome trace.</source>
        <translation>차트에 메모를 붙입니다 (여러 번 지정 가능): 한 시점에는 TIME:TEXT, 구간에는 FROM-TO:TEXT. 시간은 초(0.25) 또는 밀리초(250ms). 모든 내보내기에 그려지고 실행 기록 파일과 Chrome 트레이스에 저장됩니다.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+14"/>
        <source>--note &apos;%1&apos;: %2</source>
        <translation>--note &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your prediction of the total, in seconds: printed against the measurement, drawn on the axis and kept in the run file.</source>
        <translation>전체 소요 시간에 대한 예측(초): 측정값과 비교해 출력하고, 시간 축에 표시하며, 실행 기록 파일에 저장합니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which tasks you predict will run at the same time: groups of task numbers (as the chart lists them after main) or names joined by &apos;+&apos; (1+2, 1+2+3,4+5, &quot;task 1+task 2&quot;), none, or all. Printed against what ran, kept in the run file.</source>
        <translation>동시에 실행될 것이라고 예상하는 태스크: 태스크 번호(차트에서 main 다음에 나열된 순서) 또는 이름을 &apos;+&apos;로 묶은 그룹(1+2, 1+2+3,4+5, &quot;task 1+task 2&quot;), none 또는 all. 실제 실행 결과와 비교해 출력하고 실행 파일에 저장합니다.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>--predict must be a positive number of seconds, got &apos;%1&apos;</source>
        <translation>--predict에는 양수(초)를 지정해야 합니다. 입력값: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+53"/>
        <source>--predict-overlap &apos;%1&apos;: %2</source>
        <translation>--predict-overlap &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Usage: coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide ...] [--json]</source>
        <translation>사용법: coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] [--export FILE]... [--scale S] [--theme light|dark] [--width PX] [--hide ...] [--json]</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run an experiment once per value of one parameter and draw the runs on one time axis beside the curve of their total time.</source>
        <translation>파라미터 하나의 값마다 실험을 한 번씩 실행하고, 그 실행들을 하나의 시간 축에 나란히 그리며 전체 소요 시간 곡선을 옆에 그립니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A parameter (repeatable): one of them with several values to sweep — a list (limit=1,2,4,8) or a range (tasks=1..10, delay=0.1..0.5:0.1, pool=1..16:*2); the others fixed.</source>
        <translation>파라미터 (여러 번 지정 가능): 그중 하나에 여러 값을 주어 스윕합니다 — 목록(limit=1,2,4,8) 또는 범위(tasks=1..10, delay=0.1..0.5:0.1, pool=1..16:*2). 나머지는 고정됩니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run each value N times: median and p95 (1–100).</source>
        <translation>값마다 N번 실행합니다: 중앙값과 p95 (1–100).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL to use (as for run).</source>
        <translation>사용할 PostgreSQL (run과 같음).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>sweep needs exactly one experiment id</source>
        <translation>sweep에는 실험 ID가 정확히 하나 필요합니다</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--repeat must be a whole number in 1–100, got &apos;%1&apos;</source>
        <translation>--repeat에는 1–100 사이의 정수를 지정해야 합니다. 입력값: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot export &apos;%1&apos;: a sweep exports as a figure (.png, .svg, .pdf), a table (.csv) or its runs (.json)</source>
        <translation>&apos;%1&apos; 내보내기 실패: 스윕은 그림(.png, .svg, .pdf), 표(.csv), 또는 실행 기록(.json)으로만 내보낼 수 있습니다</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>interrupted: stopping the sweep, keeping the values done (Ctrl+C again to quit at once)</source>
        <translation>중단됨: 스윕을 멈추고 끝난 값들은 유지합니다 (즉시 종료하려면 Ctrl+C를 한 번 더 누르세요)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>[%1/%2] %3=%4</source>
        <translation>[%1/%2] %3=%4</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 — %2 — sweep over %3
</source>
        <translation>%1 — %2 — %3 스윕
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  fixed      %1
</source>
        <translation>  fixed      %1
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  runs       %1 per value: wall is the median, p95 beside it
</source>
        <translation>  runs       값마다 %1회: wall은 중앙값, 옆은 p95
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wall</source>
        <translation>wall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ideal</source>
        <translation>ideal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>overhead</source>
        <translation>overhead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in flight</source>
        <translation>in flight</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stall</source>
        <translation>stall</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>stopped after %1 s</source>
        <translation>%1 s 후 중지됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAILED: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  stopped after %1 of %2 values
</source>
        <translation>  값 %2개 중 %1개 후 중지됨
</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1: %n value(s) of %2 failed</source>
        <translation>
            <numerusform>%1: %2 값 %n개 실패</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: coroscope trace [--export FILE]... [--text] [--json] [--postgres] [--cwd DIR] -- python3 SCRIPT.py [ARGS...]</source>
        <translation>사용법: coroscope trace [--export FILE]... [--text] [--json] [--postgres] [--cwd DIR] -- python3 SCRIPT.py [ARGS...]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run a Python asyncio program under Coroscope&apos;s tracer and draw it: a lane per task, the event loop&apos;s stalls and what held it, executor jobs and threads. The program gets COROSCOPE_HTTP_URL (the embedded delay server) and, with --postgres or when it reads it, COROSCOPE_PG_DSN.</source>
        <translation>Coroscope의 트레이서로 Python asyncio 프로그램을 실행하고 그 결과를 그립니다: 태스크마다 레인 하나, 이벤트 루프의 멈춤과 루프를 점유한 것, executor 작업과 스레드. 프로그램에는 COROSCOPE_HTTP_URL(내장 지연 서버)이 주어지고, --postgres를 지정하거나 프로그램이 읽으면 COROSCOPE_PG_DSN도 주어집니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>python3 SCRIPT.py [ARGS...] (or -m module)</source>
        <translation>python3 SCRIPT.py [ARGS...] (또는 -m module)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the results as JSON on stdout (the program&apos;s output goes to stderr).</source>
        <translation>결과를 JSON으로 stdout에 출력합니다 (프로그램의 출력은 stderr로 갑니다).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the program a PostgreSQL DSN in COROSCOPE_PG_DSN (--dsn, COROSCOPE_PG_DSN, the PG* variables, or a private throwaway cluster).</source>
        <translation>프로그램에 COROSCOPE_PG_DSN으로 PostgreSQL DSN을 넘깁니다 (--dsn, COROSCOPE_PG_DSN, PG* 환경 변수, 또는 전용 일회용 클러스터).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PostgreSQL to give the program (implies --postgres).</source>
        <translation>프로그램에 넘길 PostgreSQL (지정하면 --postgres도 켜집니다).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the program in DIR.</source>
        <translation>DIR에서 프로그램을 실행합니다.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>no PostgreSQL for the program: %1</source>
        <translation>프로그램에 쓸 PostgreSQL이 없습니다: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>interrupted: stopping the program (Ctrl+C again to quit at once)</source>
        <translation>중단됨: 프로그램을 중지하는 중입니다 (즉시 종료하려면 Ctrl+C를 한 번 더 누르세요)</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>  python     %1, %n task(s)
</source>
        <translation>
            <numerusform>  python     %1, 태스크 %n개
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(the tracer did not start)</source>
        <translation>(트레이서가 시작되지 않음)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>was stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Run the delay server alone: GET /?delay=S answers after S seconds.</source>
        <translation>지연 서버만 단독으로 실행합니다: GET /?delay=S 요청에 S초 뒤 응답합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port on 127.0.0.1 (0: a free one).</source>
        <translation>127.0.0.1에서 사용할 포트 (0: 비어 있는 포트를 자동 선택).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer one request at a time, like a single synchronous worker.</source>
        <translation>동기 워커 하나처럼 요청을 한 번에 하나씩 처리합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage: coroscope serve [--port 8000] [--serial]</source>
        <translation>사용법: coroscope serve [--port 8000] [--serial]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--port must be a number in 0–65535, got &apos;%1&apos;</source>
        <translation>--port는 0–65535 사이의 숫자여야 합니다. 입력값: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delay server listening on %1 (%2). Try: curl &apos;%1?delay=1&apos;   Ctrl+C stops it.
</source>
        <translation>지연 서버가 %1에서 요청을 기다리는 중입니다 (%2). 사용해 보기: curl &apos;%1?delay=1&apos;   Ctrl+C로 중지합니다.
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>serial: one request at a time</source>
        <translation>serial: 한 번에 요청 하나씩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>async: all requests at once</source>
        <translation>async: 모든 요청을 동시에 처리</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped: %1 answered, %2 rejected, %3 abandoned by their clients
</source>
        <translation>중지됨: 응답 %1건, 거부 %2건, 클라이언트가 도중에 끊은 요청 %3건
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start or stop a private, throwaway PostgreSQL cluster (used by the tests&apos; fixture).</source>
        <translation>테스트 fixture에서 쓰는 전용 일회용 PostgreSQL 클러스터를 시작하거나 중지합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>start, or stop DIR</source>
        <translation>start, 또는 stop DIR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>start: also write DIR, PORT and CONNINFO lines to FILE.</source>
        <translation>start: DIR, PORT, CONNINFO 줄을 FILE에도 씁니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+39"/>
        <source>Usage: coroscope pg-cluster start [--env-file F] | stop DIR</source>
        <translation>사용법: coroscope pg-cluster start [--env-file F] | stop DIR</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>pg-cluster needs &apos;start&apos; or &apos;stop DIR&apos;</source>
        <translation>pg-cluster에는 &apos;start&apos; 또는 &apos;stop DIR&apos;이 필요합니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Draw a saved run (coroscope run file) or a Chrome trace from another tool (VizTracer, Perfetto JSON).</source>
        <translation>저장된 실행 기록(coroscope run 파일)이나 다른 도구(VizTracer, Perfetto JSON)의 Chrome 트레이스를 그립니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A run file (.json) or a Chrome trace (.json).</source>
        <translation>실행 기록 파일(.json) 또는 Chrome 트레이스(.json).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw the run as it was at this time (seconds, or 250ms): what had begun, what was still going — one frame of a replay.</source>
        <translation>이 시점(초, 또는 250ms)의 실행 모습을 그립니다: 그때까지 시작된 것과 아직 진행 중인 것 — 재생의 한 장면.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>render needs exactly one file</source>
        <translation>render에는 파일이 정확히 하나 필요합니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>render needs --export FILE or --text: nothing to do</source>
        <translation>render에는 --export FILE 또는 --text가 필요합니다: 할 일이 없습니다</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--until must be a time in seconds (0.25) or milliseconds (250ms), got &apos;%1&apos;</source>
        <translation>--until에는 초(0.25) 또는 밀리초(250ms) 단위 시간을 지정해야 합니다. 입력값: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--until %1 s is after the run&apos;s end (0–%2 s)</source>
        <translation>--until %1 s는 실행이 끝난 뒤입니다 (0–%2 s)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Coroscope — see concurrency: real experiments drawn as timelines.

Usage:
  coroscope list [--json]                  the experiments
  coroscope describe ID                    what an experiment does, its parameters, its C++ source
  coroscope run ID [--param k=v]... [--export FILE]... [--repeat N] [--json] [--text]
                                           run it; print wall, ideal, overhead and a verdict
  coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] [--export FILE]...
                                           run it once per value: timelines on one axis, the curve
  coroscope render FILE --export OUT... [--text]
                                           draw a saved run or a Chrome trace (VizTracer, Perfetto)
  coroscope trace [--export FILE]... [--text] [--json] -- python3 app.py [args]
                                           trace a Python asyncio program: its tasks, loop stalls, blame
  coroscope serve [--port 8000] [--serial] the delay server alone: GET /?delay=S answers after S s

Exports: .png .svg .pdf (the chart), .json (run file), .trace.json (Chrome trace), .csv
Chart options: --scale 2 (HiDPI PNG), --theme dark, --width 1600, --text (Unicode bars),
               --hide blame,states,ideal (arrows, state strips, zero-overhead outlines)

Exit codes: 0 ok, 1 the run failed or was cancelled, 2 bad usage.
Example:
  coroscope run tasks-concurrent --param delay=0.3 --export t.png --export t.json
</source>
        <translation>Coroscope — 동시성을 눈으로 보기: 실제 실험을 타임라인으로 그립니다.

사용법:
  coroscope list [--json]                  실험 목록
  coroscope describe ID                    실험이 하는 일, 파라미터, C++ 소스 코드
  coroscope run ID [--param k=v]... [--export FILE]... [--repeat N] [--json] [--text]
                                           실험을 실행하고 wall, ideal, overhead와 판정(verdict)을 출력
  coroscope sweep ID --param NAME=v1,v2,... [--param k=v]... [--repeat N] [--export FILE]...
                                           값마다 한 번씩 실행: 한 시간 축의 타임라인들과 곡선
  coroscope render FILE --export OUT... [--text]
                                           저장된 실행 기록이나 Chrome 트레이스(VizTracer, Perfetto)를 그림
  coroscope trace [--export FILE]... [--text] [--json] -- python3 app.py [args]
                                           Python asyncio 프로그램을 트레이스: 태스크, 루프 멈춤, 지연 원인(blame)
  coroscope serve [--port 8000] [--serial] 지연 서버만 단독 실행: GET /?delay=S 요청에 S초 뒤 응답

내보내기: .png .svg .pdf (차트), .json (실행 기록 파일), .trace.json (Chrome 트레이스), .csv
차트 옵션: --scale 2 (HiDPI PNG), --theme dark, --width 1600, --text (유니코드 막대),
           --hide blame,states,ideal (화살표, 상태 띠, 오버헤드 0일 때의 윤곽선)

종료 코드: 0 정상, 1 실행이 실패했거나 취소됨, 2 잘못된 사용법.
예:
  coroscope run tasks-concurrent --param delay=0.3 --export t.png --export t.json
</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>알 수 없는 명령 &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>Coroscope::Export</name>
    <message>
        <location filename="../core/render/exporters.cpp" line="+134"/>
        <source>cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot write %1 as an image: use .png, .svg or .pdf</source>
        <translation>%1을(를) 이미지로 쓸 수 없습니다: .png, .svg 또는 .pdf를 사용하세요</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot write %1: the %2 writer could not start</source>
        <translation>%1을(를) 쓸 수 없습니다: %2 writer를 시작하지 못했습니다</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>cannot export %1: unknown format (supported: %2)</source>
        <translation>%1을(를) 내보낼 수 없습니다: 알 수 없는 형식 (지원: %2)</translation>
    </message>
    <message>
        <location filename="../core/render/sweepfigure.cpp" line="+662"/>
        <source>cannot write %1: a sweep exports as a figure (.png, .svg, .pdf), a table (.csv) or its runs (.json)</source>
        <translation>%1에 쓸 수 없습니다: 스윕은 그림(.png, .svg, .pdf), 표(.csv), 또는 실행 기록(.json)으로만 내보낼 수 있습니다</translation>
    </message>
</context>
<context>
    <name>Coroscope::Exporter</name>
    <message>
        <location filename="../qml/cpp/exporter.cpp" line="+348"/>
        <source>%1 × %2 px at %3× (%4 × %5 pixels)</source>
        <translation>%1 × %2 px, %3× 배율 (%4 × %5 픽셀)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 픽셀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 × %2 px (vector)</source>
        <translation>%1 × %2 px (벡터)</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Type a file name to export to.</source>
        <translation>내보낼 파일 이름을 입력하세요.</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Nothing to export yet: run a sweep first (Parameters → Sweep).</source>
        <translation>아직 내보낼 것이 없습니다. 먼저 스윕을 실행하세요 (매개변수 → 스윕).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 is a folder: add a file name.</source>
        <translation>%1: 폴더입니다. 파일 이름을 덧붙이세요.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved %1 — %2</source>
        <translation>저장됨: %1 — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved %1 — %2, %3</source>
        <translation>저장됨: %1 — %2, %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exported %1 (%2)</source>
        <translation>내보냄: %1 (%2)</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Nothing to export yet: run an experiment first.</source>
        <translation>아직 내보낼 것이 없습니다: 먼저 실험을 실행하세요.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing to compare: pin runs first (Ctrl+P).</source>
        <translation>비교할 것이 없습니다: 먼저 실행을 고정하세요(Ctrl+P).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot export the comparison to %1: it is a figure (.png, .svg or .pdf)</source>
        <translation>비교를 %1에 내보낼 수 없습니다: 비교는 그림이라 .png, .svg, .pdf만 가능합니다</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Coroscope comparison</source>
        <translation>Coroscope 비교</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n pinned runs on one time axis</source>
        <translation>
            <numerusform>하나의 시간 축에 놓인 고정 실행 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::Files</name>
    <message>
        <location filename="../core/timeline/savefile.cpp" line="+34"/>
        <source>a character device</source>
        <translation>문자 장치</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a block device</source>
        <translation>블록 장치</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not a regular file</source>
        <translation>일반 파일이 아님</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>cannot write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no file name</source>
        <translation>파일 이름이 없습니다</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>it is %1, not a regular file; refusing to replace it</source>
        <translation>%1이며 일반 파일이 아니므로 덮어쓰지 않습니다</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it names a folder, not a file</source>
        <translation>파일이 아니라 폴더를 가리킵니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the folder %1 does not exist</source>
        <translation>폴더 %1이(가) 없습니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a folder</source>
        <translation>%1은(는) 폴더가 아닙니다</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>is a folder, not a run file or a trace</source>
        <translation>폴더이며, 실행 기록 파일이나 트레이스가 아닙니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>too large to be a run file or a trace Coroscope can open (%1; at most %2)</source>
        <translation>Coroscope가 열 수 있는 실행 기록 파일이나 트레이스로는 너무 큽니다 (%1, 최대 %2)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot read: %1</source>
        <translation>읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>not a run file or a trace: it holds binary data, not JSON text</source>
        <translation>실행 기록 파일이나 트레이스가 아닙니다: JSON 텍스트가 아닌 바이너리 데이터입니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a run file or a trace: JSON text starts with &apos;{&apos; or &apos;[&apos;</source>
        <translation>실행 기록 파일이나 트레이스가 아닙니다: JSON 텍스트는 &apos;{&apos; 또는 &apos;[&apos;로 시작합니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not a run file or a trace: over 1 MiB of white space</source>
        <translation>실행 기록 파일이나 트레이스가 아닙니다: 공백이 1 MiB를 넘습니다</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>too large to be a run file or a trace Coroscope can open (over %1)</source>
        <translation>Coroscope가 열 수 있는 실행 기록 파일이나 트레이스로는 너무 큽니다 (%1 초과)</translation>
    </message>
</context>
<context>
    <name>Coroscope::GanttItem</name>
    <message>
        <location filename="../qml/cpp/ganttitem.cpp" line="+48"/>
        <source>the task was created at %1 and first ran %2 later</source>
        <translation>태스크가 %1에 생성되어 %2 뒤 처음 실행됨</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>woken by %1 (ended %2)</source>
        <translation>깨운 단계: %1 (%2에 종료)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>delayed +%1: %2</source>
        <translation>+%1 지연: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>delayed %1 by +%2</source>
        <translation>%1 단계를 +%2 지연시킴</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ideally %1 → %2%3</source>
        <translation>이상적으로는 %1 → %2%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (ended %1 later)</source>
        <translation> (%1 늦게 종료)</translation>
    </message>
    <message>
        <location line="+349"/>
        <source>Pick an experiment and press Run (Ctrl+R) — its timeline appears here.</source>
        <translation>실험을 고르고 실행(Ctrl+R)을 누르세요 — 여기에 타임라인이 나타납니다.</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>%1 (folded)
%2 in flight around %3</source>
        <translation>%1 (접힘)
%3 무렵 진행 중 %2개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2 in flight around %3</source>
        <translation>%1
%3 무렵 진행 중 %2개</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>start %1 · running for %2</source>
        <translation>시작 %1 · %2째 실행 중</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>start %1 · took %2</source>
        <translation>시작 %1 · 소요 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ready at %1, resumed %2 later</source>
        <translation>%1에 준비됨, %2 뒤 재개</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>status %1</source>
        <translation>상태 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>%1 → %2 (%3): %4 spans · busy %5 · work %6 · overlap ×%7 · up to %8 at once</source>
        <translation>%1 → %2 (%3): 구간 %4개 · 활성 %5 · 작업 %6 · 겹침 ×%7 · 최대 %8개 동시</translation>
    </message>
</context>
<context>
    <name>Coroscope::GanttModel</name>
    <message numerus="yes">
        <location filename="../core/render/ganttmodel.cpp" line="+234"/>
        <source>+%n more task(s)</source>
        <translation>
            <numerusform>+태스크 %n개 더</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::GanttPainter</name>
    <message>
        <location filename="../core/render/ganttpainter.cpp" line="+186"/>
        <source>running… %1 so far</source>
        <translation>실행 중… 지금까지 %1</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <location line="+11"/>
        <location line="+1309"/>
        <source>ideal %1</source>
        <translation>이상적 %1</translation>
    </message>
    <message numerus="yes">
        <location line="-1327"/>
        <source>replay at %1 of %2 — %n in flight</source>
        <translation>
            <numerusform>다시 보기 %1 / %2 — 진행 중 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cancelled after %1 — the partial timeline</source>
        <translation>%1 후 취소됨 — 부분 타임라인</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed after %1: %2</source>
        <translation>%1 후 실패: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>all async %1</source>
        <translation>모두 비동기면 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sequential would be %1</source>
        <translation>순차 실행이면 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing overlapped</source>
        <translation>겹친 구간 없음</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event loop frozen %1</source>
        <translation>이벤트 루프 멈춤 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%n cores</source>
        <translation>
            <numerusform>코어 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="+90"/>
        <source>ready, waiting for the loop</source>
        <translation>준비됨, 루프 대기 중</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>what held the loop → the step it delayed</source>
        <translation>루프를 점유한 단계 → 지연된 단계</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>task state: running · suspended · ready · holding the thread</source>
        <translation>태스크 상태: 실행 중 · 일시 중단 · 준비됨 · 스레드 점유</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event (print, result)</source>
        <translation>이벤트 (print, 결과)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>now</source>
        <translation>현재</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>total</source>
        <translation>총 시간</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ideal</source>
        <translation>이상적</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>where a step would be with zero overhead</source>
        <translation>오버헤드가 없을 때 단계의 자리</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>if every blocking step were async</source>
        <translation>블로킹 단계가 모두 비동기라면</translation>
    </message>
    <message>
        <location line="+342"/>
        <source>loop stalled</source>
        <translation>루프 멈춤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in the nested loop of %1</source>
        <translation>%1의 중첩 루프 안</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loop held by %1</source>
        <translation>루프 점유: %1</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>woke it · resumed %1 later</source>
        <translation>깨움 · %1 뒤 재개</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>+%1 over ideal</source>
        <translation>이상적 대비 +%1</translation>
    </message>
    <message>
        <location line="+470"/>
        <source>up to %1 in flight</source>
        <translation>최대 %1개 동시 진행</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>now %1</source>
        <translation>현재 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>total %1</source>
        <translation>총 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>if every blocking step were async %1</source>
        <translation>블로킹 단계가 모두 비동기라면 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>predicted %1</source>
        <translation>예측 %1</translation>
    </message>
</context>
<context>
    <name>Coroscope::HistoryModel</name>
    <message>
        <location filename="../qml/cpp/historymodel.cpp" line="+83"/>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>cannot create the history directory %1</source>
        <translation>기록 디렉터리를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>no such run</source>
        <translation>해당 실행이 없습니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; cannot be a file name</source>
        <translation>파일 이름으로 쓸 수 없는 이름입니다: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a run named &apos;%1&apos; exists already</source>
        <translation>이름이 &apos;%1&apos;인 실행이 이미 있습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot rename %1 to %2</source>
        <translation>이름을 바꿀 수 없습니다: %1 → %2</translation>
    </message>
</context>
<context>
    <name>Coroscope::ParamModel</name>
    <message>
        <location filename="../qml/cpp/parammodel.cpp" line="+194"/>
        <source>no experiment selected</source>
        <translation>선택한 실험이 없습니다</translation>
    </message>
</context>
<context>
    <name>Coroscope::Params</name>
    <message>
        <location filename="../core/experiments/params.cpp" line="+61"/>
        <source>one of: %1</source>
        <translation>다음 중 하나: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>parameter &apos;%1&apos; must be a number in %2, got &apos;%3&apos;</source>
        <translation>파라미터 &apos;%1&apos;은(는) %2 범위의 숫자여야 합니다. 입력값: &apos;%3&apos;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>parameter &apos;%1&apos; must be a whole number in %2, got &apos;%3&apos;</source>
        <translation>파라미터 &apos;%1&apos;은(는) %2 범위의 정수여야 합니다. 입력값: &apos;%3&apos;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>parameter &apos;%1&apos; must be a number in %2</source>
        <translation>파라미터 &apos;%1&apos;은(는) %2 범위의 숫자여야 합니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+12"/>
        <source>parameter &apos;%1&apos; = %2 is out of range %3</source>
        <translation>파라미터 &apos;%1&apos; = %2 은(는) 범위 %3을(를) 벗어났습니다</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>parameter &apos;%1&apos; must be a whole number in %2</source>
        <translation>파라미터 &apos;%1&apos;은(는) %2 범위의 정수여야 합니다</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>parameter &apos;%1&apos; = &apos;%2&apos; is not %3</source>
        <translation>파라미터 &apos;%1&apos; = &apos;%2&apos; 은(는) %3이(가) 아닙니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>parameter &apos;%1&apos;: %2</source>
        <translation>파라미터 &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>unknown parameter &apos;%1&apos; for %2 (it takes: %3)</source>
        <translation>%2에 없는 파라미터 &apos;%1&apos; (받는 파라미터: %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no parameters</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>Coroscope::PinBoard</name>
    <message>
        <location filename="../qml/cpp/pinboard.cpp" line="+65"/>
        <source>This run is pinned already.</source>
        <translation>이미 고정된 실행입니다.</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>run of %1</source>
        <translation>%1 실행</translation>
    </message>
</context>
<context>
    <name>Coroscope::Prediction</name>
    <message>
        <location filename="../core/timeline/prediction.cpp" line="+160"/>
        <source>%1 and %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>there is no task %1: this run has no tasks besides main</source>
        <translation>태스크 %1이(가) 없습니다: 이 실행에는 main 외의 태스크가 없습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no task %1: this run has one task besides main (1)</source>
        <translation>태스크 %1이(가) 없습니다: 이 실행에는 main 외에 태스크가 하나 있습니다 (1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no task %1: this run has %2 tasks besides main (1–%2)</source>
        <translation>태스크 %1이(가) 없습니다: 이 실행에는 main 외에 태스크가 %2개 있습니다 (1–%2)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>no task is named &apos;%1&apos;: this run has no tasks besides main</source>
        <translation>&apos;%1&apos;(이)라는 태스크가 없습니다: 이 실행에는 main 외의 태스크가 없습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no task is named &apos;%1&apos; (its tasks: %2)</source>
        <translation>&apos;%1&apos;(이)라는 태스크가 없습니다 (태스크: %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; names %2 tasks (%3): give its number or its whole name</source>
        <translation>&apos;%1&apos;에 해당하는 태스크가 %2개입니다 (%3): 번호나 전체 이름을 쓰세요</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>say which tasks will run at once: 1+2, 1+2+3, none or all</source>
        <translation>동시에 실행될 태스크를 적으세요: 1+2, 1+2+3, none 또는 all</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+48"/>
        <source>it is %1 characters long; at most %2</source>
        <translation>%1자입니다. 최대 %2자까지 됩니다</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>it holds a control character (U+%1)</source>
        <translation>제어 문자(U+%1)가 들어 있습니다</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>an empty group: two separators in a row, or one at either end (1+2, 3+4)</source>
        <translation>빈 그룹입니다: 구분자가 연달아 있거나 맨 앞이나 맨 끝에 있습니다 (1+2, 3+4)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos;: a task is missing around a &apos;+&apos; (e.g. 1+2)</source>
        <translation>&apos;%1&apos;: &apos;+&apos; 앞뒤에 태스크가 빠졌습니다 (예: 1+2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+109"/>
        <source>&apos;%1&apos; names %2 twice</source>
        <translation>&apos;%1&apos;에 %2이(가) 두 번 있습니다</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>&apos;%1&apos; names one task: a group that runs at once needs two or more joined by &apos;+&apos; (1+2); or say none or all</source>
        <translation>&apos;%1&apos;은(는) 태스크 하나입니다: 동시에 실행되는 그룹은 &apos;+&apos;로 묶은 둘 이상의 태스크여야 합니다(1+2). 아니면 none 또는 all이라고 쓰세요</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>more than %1 tasks named; for all of them say all</source>
        <translation>태스크를 %1개보다 많이 적었습니다. 전부라면 all이라고 쓰세요</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>predicted no overlap</source>
        <translation>동시 실행 없음 예상</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>predicted all at once</source>
        <translation>모두 동시에 예상</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted %1 at once</source>
        <translation>%1 동시에 예상</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> — right</source>
        <translation> — 맞음</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> — wrong</source>
        <translation> — 틀림</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no two tasks ran at once</source>
        <translation>어떤 두 태스크도 동시에 실행되지 않았습니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <source>%1 ran at once for %2</source>
        <translation>%1이(가) %2 동안 동시에 실행되었습니다</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>%1 (up to %2 tasks in flight together)</source>
        <translation>%1 (최대 %2개 태스크가 함께 진행 중)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>this run has %n task(s) besides main</source>
        <translation>
            <numerusform>이 실행에는 main 외에 태스크가 %n개 있습니다</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>both tasks ran at once for %1</source>
        <translation>두 태스크가 %1 동안 동시에 실행되었습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all %1 tasks ran at once for %2</source>
        <translation>태스크 %1개가 모두 %2 동안 동시에 실행되었습니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>all %1 tasks were in flight together for only %2</source>
        <translation>태스크 %1개가 모두 함께 진행된 시간은 %2뿐입니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at most %1 of the %2 tasks were in flight at one instant</source>
        <translation>한 순간에 진행 중이던 태스크는 %2개 중 최대 %1개였습니다</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 were in flight together for only %2</source>
        <translation>%1이(가) 함께 진행된 시간은 %2뿐입니다</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 never ran at once</source>
        <translation>%1은(는) 한 번도 동시에 실행되지 않았습니다</translation>
    </message>
</context>
<context>
    <name>Coroscope::PythonTrace</name>
    <message>
        <location filename="../core/python/pythontrace.cpp" line="+82"/>
        <source>no program to trace: give it after --, e.g. coroscope trace -- python3 app.py</source>
        <translation>트레이스할 프로그램이 없습니다: -- 뒤에 지정하세요. 예: coroscope trace -- python3 app.py</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is not a Python interpreter: the command must start with one, e.g. python3 app.py (a script alone works too)</source>
        <translation>&apos;%1&apos;은(는) Python 인터프리터가 아닙니다: 명령은 인터프리터로 시작해야 합니다. 예: python3 app.py (스크립트만 지정해도 됩니다)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 needs an argument (python3 %1 …)</source>
        <translation>%1에는 인자가 필요합니다 (python3 %1 …)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a program read from standard input cannot be traced: give its file</source>
        <translation>표준 입력에서 읽는 프로그램은 트레이스할 수 없습니다: 프로그램 파일을 지정하세요</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no script to trace in &apos;%1&apos;: give python3 SCRIPT.py (or -m module)</source>
        <translation>&apos;%1&apos;에 트레이스할 스크립트가 없습니다: python3 SCRIPT.py (또는 -m module) 형식으로 지정하세요</translation>
    </message>
    <message>
        <location filename="../core/python/pyevents.cpp" line="+165"/>
        <source>the tracer&apos;s first line is not its greeting: it is not Coroscope&apos;s tracer, or not this version&apos;s</source>
        <translation>트레이서의 첫 줄이 인사말이 아닙니다: Coroscope의 트레이서가 아니거나, 이 버전의 트레이서가 아닙니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the tracer speaks protocol %1, this Coroscope reads protocol %2: use the tracer installed with this Coroscope</source>
        <translation>트레이서의 프로토콜은 %1이고 이 Coroscope는 프로토콜 %2를 읽습니다: 이 Coroscope와 함께 설치된 트레이서를 사용하세요</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>created; waiting for its first turn on the loop</source>
        <translation>생성됨, 루프에서 첫 차례 대기 중</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created (%1 defined at %2); waiting for its first turn on the loop</source>
        <translation>생성됨 (%2에 정의된 %1), 루프에서 첫 차례 대기 중</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>no event handled for %1 ms</source>
        <translation>%1 ms 동안 처리된 이벤트 없음</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>pool thread · %1</source>
        <translation>풀 스레드 · %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>thread · %1</source>
        <translation>스레드 · %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>run_in_executor, awaited by %1</source>
        <translation>run_in_executor, %1이(가) await함</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run_in_executor</source>
        <translation>run_in_executor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a thread the program started</source>
        <translation>프로그램이 시작한 스레드</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a child process: its own work is not traced</source>
        <translation>자식 프로세스: 자식 프로세스 안의 작업은 트레이스되지 않습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>written to stderr</source>
        <translation>stderr에 출력됨</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>printed</source>
        <translation>출력됨</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>a step of %1 from %2</source>
        <translation>%1의 단계 (%2부터)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>its start</source>
        <translation>시작 지점</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · CPU %1% of %2 ms</source>
        <translation> · %2 ms 중 CPU %1%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · %1 ms on the loop</source>
        <translation> · 루프에서 %1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>raised %1</source>
        <translation>%1 발생</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the task ended with an exception</source>
        <translation>태스크가 예외로 종료됨</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>main thread</source>
        <translation>메인 스레드</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no asyncio event loop ran</source>
        <translation>asyncio 이벤트 루프가 실행되지 않음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the program never created an asyncio event loop: there are no tasks to draw</source>
        <translation>프로그램이 asyncio 이벤트 루프를 만들지 않았습니다: 그릴 태스크가 없습니다</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>stopped while waiting</source>
        <translation>대기 중에 중지됨</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the program ended while it waited</source>
        <translation>대기 중에 프로그램이 종료됨</translation>
    </message>
    <message>
        <location filename="../core/python/pythontrace.cpp" line="+53"/>
        <source>a traced program is still running</source>
        <translation>트레이스 중인 프로그램이 아직 실행 중입니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coroscope&apos;s tracer (coroscope_tracer.py) is not installed next to the coroscope binary, nor in ../share/coroscope: reinstall Coroscope, or set COROSCOPE_TRACER</source>
        <translation>Coroscope의 트레이서(coroscope_tracer.py)가 Coroscope 실행 파일 옆에도, ../share/coroscope에도 설치되어 있지 않습니다: Coroscope를 다시 설치하거나 COROSCOPE_TRACER를 설정하세요</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot trace &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;을(를) 트레이스할 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a file</source>
        <translation>파일이 아닙니다</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no such file</source>
        <translation>파일이 없습니다</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>working folder &apos;%1&apos; does not exist</source>
        <translation>작업 폴더 &apos;%1&apos;이(가) 없습니다</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>cannot listen for the tracer on %1: %2</source>
        <translation>%1에서 트레이서의 연결을 기다릴 수 없습니다: %2</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>the tracer&apos;s stream has a line longer than 16 MB: refused</source>
        <translation>트레이서 스트림에 16 MB보다 긴 줄이 있어 거부했습니다</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>cannot start &apos;%1&apos;: %2 — is Python 3 installed? (Debian: apt install python3)</source>
        <translation>&apos;%1&apos;을(를) 시작할 수 없습니다: %2 — Python 3이 설치되어 있나요? (Debian: apt install python3)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>stopped before the program started</source>
        <translation>프로그램이 시작되기 전에 중지됨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 did not run Coroscope&apos;s tracer (exit status %2)%3</source>
        <translation>%1이(가) Coroscope의 트레이서를 실행하지 않았습니다 (종료 상태 %2)%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>stopped: the program&apos;s process group was ended</source>
        <translation>중지됨: 프로그램의 프로세스 그룹을 종료했습니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was killed by a signal%2</source>
        <translation>%1이(가) 시그널로 강제 종료되었습니다%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> — install it for %1 (Debian: apt install python3-%2)</source>
        <translation> — %1용으로 설치하세요 (Debian: apt install python3-%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 exited with status %2%3</source>
        <translation>%1이(가) 종료 상태 %2로 끝났습니다%3</translation>
    </message>
</context>
<context>
    <name>Coroscope::Recorded</name>
    <message>
        <location filename="../core/render/theme.cpp" line="+99"/>
        <source>event loop</source>
        <translation>이벤트 루프</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loop blocked</source>
        <translation>루프 멈춤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delay server</source>
        <translation>지연 서버</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for a connection</source>
        <translation>커넥션 대기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for a pool thread</source>
        <translation>풀 스레드 대기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run failed</source>
        <translation>실행 실패</translation>
    </message>
</context>
<context>
    <name>Coroscope::RunData</name>
    <message>
        <location filename="../core/timeline/rundata.cpp" line="+103"/>
        <source>--note &apos;%1&apos; is not TIME:TEXT or FROM-TO:TEXT (e.g. --note 0.5:&quot;the loop froze&quot; or --note 0.1-0.3:waves)</source>
        <translation>--note &apos;%1&apos;: TIME:TEXT 또는 FROM-TO:TEXT 형식이 아닙니다 (예: --note 0.5:&quot;루프가 멈춤&quot; 또는 --note 0.1-0.3:물결)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--note &apos;%1&apos;: &apos;%2&apos; is not a time in seconds (0.25, 0.25s) or milliseconds (250ms)</source>
        <translation>--note &apos;%1&apos;: &apos;%2&apos;은(는) 초(0.25, 0.25s)나 밀리초(250ms) 단위 시간이 아닙니다</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>predicted %1 s, measured %2 s</source>
        <translation>예측 %1 s, 측정 %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>predicted %1 s</source>
        <translation>예측 %1 s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> — right (within 5 %)</source>
        <translation> — 적중 (5 % 이내)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — off by %1× (it took longer)</source>
        <translation> — %1배 차이 (더 오래 걸림)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — off by %1× (it was faster)</source>
        <translation> — %1배 차이 (더 빨랐음)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>a note needs some text</source>
        <translation>메모에는 내용이 필요합니다</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a note takes at most %1 characters, got %2</source>
        <translation>메모는 최대 %1자까지입니다. 입력: %2자</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a note&apos;s range %1–%2 s ends before it begins</source>
        <translation>메모 구간 %1–%2 s가 시작보다 먼저 끝납니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a note at %1 is outside the run (0–%2 s)</source>
        <translation>%1의 메모가 실행 범위(0–%2 s)를 벗어납니다</translation>
    </message>
</context>
<context>
    <name>Coroscope::RunHandle</name>
    <message>
        <location filename="../qml/cpp/runhandle.cpp" line="+138"/>
        <source>Measured: %1.</source>
        <translation>측정값: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With zero overhead — the recorded steps replayed back to back, each awaited step taking only until it was ready, blocking steps still holding the loop: %1.</source>
        <translation>오버헤드가 없다면 — 기록된 단계를 빈틈없이 이어 재생하고, await한 단계는 준비될 때까지만 걸리며, 블로킹 단계는 여전히 루프를 점유한다고 할 때: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>If the run&apos;s %n blocking step(s) were async (awaited instead of holding the loop): %1.</source>
        <translation>
            <numerusform>블로킹 단계 %n개가 비동기였다면(루프를 점유하는 대신 await했다면): %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps were ready but not resumed for %1 in all; %2 of it is explained below.</source>
        <translation>단계가 준비됐지만 재개되지 못한 시간은 모두 %1이며, 그중 %2는 아래에서 설명합니다.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>running… %1</source>
        <translation>실행 중… %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wall %1</source>
        <translation>실측 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ideal %1</source>
        <translation>이상적 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>overhead %1%2</source>
        <translation>오버헤드 %1%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
</context>
<context>
    <name>Coroscope::Runner</name>
    <message>
        <location filename="../core/experiments/runner.cpp" line="+208"/>
        <source>a run of %1 is still going</source>
        <translation>%1 실행이 아직 진행 중입니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot run here: %2</source>
        <translation>%1은(는) 여기서 실행할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>Coroscope::ServiceStatus</name>
    <message>
        <location filename="../qml/cpp/servicestatus.cpp" line="+24"/>
        <source>%1 · connecting…</source>
        <translation>%1 · 연결 중…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · reached</source>
        <translation>%1 · 연결됨</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>unavailable: %1</source>
        <translation>사용 불가: %1</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>%1 · not reached: %2</source>
        <translation>%1 · 연결 실패: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the DSN from the settings</source>
        <translation>설정의 DSN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>COROSCOPE_PG_DSN from the environment</source>
        <translation>환경 변수 COROSCOPE_PG_DSN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the PG* variables from the environment</source>
        <translation>환경 변수 PG*</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>a private cluster</source>
        <translation>전용 클러스터</translation>
    </message>
</context>
<context>
    <name>Coroscope::Sweep</name>
    <message>
        <location filename="../core/experiments/sweep.cpp" line="+59"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos; is not FROM..TO[:STEP] with numbers (e.g. 1..8, 0.1..0.5:0.1, 1..16:*2)</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;이(가) 숫자로 된 FROM..TO[:STEP] 형식이 아닙니다 (예: 1..8, 0.1..0.5:0.1, 1..16:*2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos; goes down: write it from the smaller value</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;이(가) 감소합니다: 작은 값부터 쓰세요</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos; needs a step for a number of seconds (e.g. %1:0.1)</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;에는 초 단위 간격이 필요합니다 (예: %1:0.1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos;: the factor after &apos;*&apos; must be a number above 1</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;: &apos;*&apos; 뒤의 배수는 1보다 커야 합니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos;: the step must be a positive number</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;: 간격은 양수여야 합니다</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos;: &apos;%2&apos; takes whole numbers, so the range&apos;s ends and step must be whole (e.g. 1..8, 2..16:2, 1..16:*2)</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;: &apos;%2&apos;는 정수만 받으므로 범위의 양 끝과 간격도 정수여야 합니다 (예: 1..8, 2..16:2, 1..16:*2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos;: a factor needs a positive start</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;: 배수를 쓰려면 시작값이 양수여야 합니다</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>sweep range &apos;%1&apos; of &apos;%2&apos; has more than %3 values</source>
        <translation>&apos;%2&apos;의 스윕 범위 &apos;%1&apos;의 값이 %3개를 넘습니다</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>sweep values of &apos;%1&apos; have an empty item: &apos;%2&apos;</source>
        <translation>&apos;%1&apos;의 스윕 값에 빈 항목이 있습니다: &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a sweep of &apos;%1&apos; takes at most %2 values, got %3</source>
        <translation>&apos;%1&apos; 스윕은 값을 최대 %2개까지 받습니다. 입력: %3개</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sweep value &apos;%1&apos; of &apos;%2&apos;: %3</source>
        <translation>&apos;%2&apos;의 스윕 값 &apos;%1&apos;: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sweep value &apos;%1&apos; of &apos;%2&apos; is there twice</source>
        <translation>&apos;%2&apos;의 스윕 값 &apos;%1&apos;이(가) 두 번 들어 있습니다</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>a sweep varies one parameter: &apos;%1&apos; and &apos;%2&apos; both have several values</source>
        <translation>스윕은 파라미터 하나만 바꿉니다: &apos;%1&apos;과(와) &apos;%2&apos; 둘 다 값이 여러 개입니다</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>say what to sweep: one --param with several values, e.g. --param %1 (%2 takes: %3)</source>
        <translation>스윕할 대상을 지정하세요: 값이 여러 개인 --param 하나, 예: --param %1 (%2의 파라미터: %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--repeat must be a whole number in 1–100, got %1</source>
        <translation>--repeat에는 1–100 사이의 정수를 지정해야 합니다. 입력값: %1</translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepController</name>
    <message>
        <location filename="../qml/cpp/sweepcontroller.cpp" line="+41"/>
        <source>%1 = %2 · run %3 of %4</source>
        <translation>%1 = %2 · 실행 %3/%4</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n value(s) of %1</source>
        <translation>
            <numerusform>%1 값 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wall %1 s at %2 = %3 … %4 s at %5</source>
        <translation>%2 = %3에서 %1 s … %5에서 %4 s</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n개 실패</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stopped after %1 of %2</source>
        <translation>%2개 중 %1개 후 멈춤</translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepFigure</name>
    <message>
        <location filename="../core/render/sweepfigure.cpp" line="-494"/>
        <source>%1 — sweep over %2</source>
        <translation>%1 — %2 스윕</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n value(s), median of %1 runs each</source>
        <translation>
            <numerusform>값 %n개, 각각 %1회 실행의 중앙값</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n value(s), one run each</source>
        <translation>
            <numerusform>값 %n개, 각각 1회 실행</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>stopped after %1 of %n value(s)</source>
        <translation>
            <numerusform>값 %n개 중 %1개 후 중지됨</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 median, p95 %2, ideal %3</source>
        <translation>중앙값 %1, p95 %2, 이상적 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, ideal %2</source>
        <translation>%1, 이상적 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stopped — what it did until then</source>
        <translation>중지됨 — 그때까지 실행된 부분</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+160"/>
        <source>failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>median</source>
        <translation>중앙값</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>total</source>
        <translation>총 시간</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>over ideal</source>
        <translation>이상적 대비</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+29"/>
        <source>loop stall</source>
        <translation>루프 정지</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The values</source>
        <translation>값별 결과</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Left out for room, in the CSV: %1</source>
        <translation>공간이 부족해 생략 (CSV에 있음): %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Total time against %1</source>
        <translation>%1에 따른 전체 소요 시간</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 — log scale</source>
        <translation>%1 — 로그 눈금</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>measured (median, p95)</source>
        <translation>측정 (중앙값, p95)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>measured</source>
        <translation>측정</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>failed (when)</source>
        <translation>실패 (시점)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped (when)</source>
        <translation>중지됨 (시점)</translation>
    </message>
    <message>
        <location line="-322"/>
        <location line="+315"/>
        <source>ideal</source>
        <translation>이상적</translation>
    </message>
    <message>
        <location line="-310"/>
        <location line="+30"/>
        <location line="+4"/>
        <location line="+2"/>
        <source>in flight</source>
        <translation>동시 진행</translation>
    </message>
    <message>
        <location line="+277"/>
        <source>if every blocking step were async</source>
        <translation>블로킹 단계가 모두 비동기였다면</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepItem</name>
    <message>
        <location filename="../qml/cpp/sweepitem.cpp" line="+105"/>
        <source>The sweep&apos;s first value is running: its timeline is in the Timeline tab.</source>
        <translation>스윕의 첫 값을 실행 중입니다. 타임라인은 타임라인 탭에 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep a parameter (Parameters tab → Sweep) — every run&apos;s timeline and the curve they make appear here.</source>
        <translation>매개변수를 스윕하세요 (매개변수 탭 → 스윕) — 모든 실행의 타임라인과 그 곡선이 여기에 나타납니다.</translation>
    </message>
</context>
<context>
    <name>Coroscope::TextChart</name>
    <message>
        <location filename="../core/render/textchart.cpp" line="+95"/>
        <source>notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>█ holding the thread  ▒ suspended (timer, I/O)  ░ ready, waiting for the loop  ─ awaiting  ✕ error  · cancelled</source>
        <translation>█ 스레드 점유  ▒ 일시 중단 (타이머, I/O)  ░ 준비됨, 루프 대기 중  ─ await 중  ✕ 오류  · 취소됨</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>delayed +%1: %2</source>
        <translation>+%1 지연: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>note %1–%2: %3</source>
        <translation>메모 %1–%2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>note at %1: %2</source>
        <translation>메모 %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>if every blocking step were async: %1</source>
        <translation>블로킹 단계가 모두 비동기라면: %1</translation>
    </message>
</context>
<context>
    <name>Coroscope::Theme</name>
    <message>
        <location filename="../core/render/theme.cpp" line="+15"/>
        <source>HTTP request (blocking the thread)</source>
        <translation>HTTP 요청 (스레드 블로킹)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP request (suspended)</source>
        <translation>HTTP 요청 (일시 중단)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database query (blocking the thread)</source>
        <translation>DB 쿼리 (스레드 블로킹)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database query (suspended)</source>
        <translation>DB 쿼리 (일시 중단)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sleep (blocking the thread)</source>
        <translation>sleep (스레드 블로킹)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timer (suspended)</source>
        <translation>타이머 (일시 중단)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>computing</source>
        <translation>계산</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocking the thread</source>
        <translation>스레드 블로킹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for a slot</source>
        <translation>슬롯 대기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>connecting (blocking the thread)</source>
        <translation>연결 중 (스레드 블로킹)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>setup</source>
        <translation>준비 작업</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awaiting other tasks</source>
        <translation>다른 태스크 await 중</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>event loop stalled</source>
        <translation>이벤트 루프 멈춤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection checked out</source>
        <translation>커넥션 대여 중</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>socket I/O (blocking the thread)</source>
        <translation>소켓 I/O (스레드 블로킹)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>socket I/O (suspended)</source>
        <translation>소켓 I/O (일시 중단)</translation>
    </message>
</context>
<context>
    <name>ExperimentList</name>
    <message>
        <location filename="../qml/ExperimentList.qml" line="+29"/>
        <source>Search experiments (Ctrl+F)</source>
        <translation>실험 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot run here: %1</source>
        <translation>이 환경에서 실행할 수 없음: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · seed %2</source>
        <translation>%1 · 원글 %2</translation>
    </message>
</context>
<context>
    <name>Experiments</name>
    <message>
        <location filename="../core/experiments/ascompleted.cpp" line="+34"/>
        <source>as_completed(): results as they finish</source>
        <translation>as_completed(): 끝나는 순서대로 결과 받기</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../core/experiments/awaitsequential.cpp" line="+20"/>
        <location filename="../core/experiments/gather.cpp" line="+26"/>
        <location filename="../core/experiments/gatherexceptions.cpp" line="+25"/>
        <location filename="../core/experiments/sayafter.cpp" line="+20"/>
        <location filename="../core/experiments/tasksconcurrent.cpp" line="+22"/>
        <source>Basics</source>
        <translation>기본</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Greeters with random 1–4u delays; main handles each result the moment it is done.</source>
        <translation>무작위 1–4u 지연의 greeter들; main은 각 결과를 끝나는 즉시 처리합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Five greeters each wait a random 1–4 units (a seeded generator, so a run can be repeated) and return a greeting. asyncio.as_completed hands them back in the order they finish, so main can print each one as soon as it is ready instead of waiting for the slowest, as gather() would. The whole still takes as long as the slowest greeter. Coroscope&apos;s AsCompleted (QCoro 0.8 has none) queues each outcome as its task settles.</source>
        <translation>greeter 다섯 개가 각각 무작위로 1–4 단위를 기다린 뒤(시드를 둔 난수 생성기라 같은 실행을 반복할 수 있습니다) 인사말을 반환합니다. asyncio.as_completed는 끝나는 순서대로 결과를 넘겨주므로, main은 gather()처럼 가장 느린 것을 기다리지 않고 준비되는 대로 하나씩 출력할 수 있습니다. 그래도 전체 시간은 가장 느린 greeter만큼 걸립니다. Coroscope의 AsCompleted(QCoro 0.8에는 없음)는 각 태스크가 끝날 때마다 그 결과를 큐에 넣습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The seed printed the greetings out of submission order. The chart shows main&apos;s next() waits ending exactly when a greeter&apos;s bar ends, shortest first.</source>
        <translation>원글에서는 인사말이 제출 순서와 다르게 출력되었습니다. 차트에서는 main의 next() 대기가 greeter 막대가 끝나는 바로 그 순간에, 짧은 것부터 차례로 끝납니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The unit u: each greeter waits 1–4u.</source>
        <translation>단위 u: 각 greeter는 1–4u를 기다립니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many greeters (the seed used 5).</source>
        <translation>greeter 수 (원글은 5개).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed</source>
        <translation>난수 시드</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed of the random delays (the same seed, the same delays).</source>
        <translation>무작위 지연의 시드 (시드가 같으면 지연도 같습니다).</translation>
    </message>
    <message>
        <location filename="../core/experiments/awaitsequential.cpp" line="-1"/>
        <source>Awaiting coroutines one after the other</source>
        <translation>코루틴을 하나씩 차례로 await하기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two calls, each awaited before the next starts: no overlap, 2D.</source>
        <translation>호출 두 개, 각각 다음 호출이 시작되기 전에 await: 겹침 없음, 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>main() awaits call_api(&apos;GOOG&apos;) and only then calls call_api(&apos;APPL&apos;). Awaiting a coroutine directly suspends main until that call has finished, so the second call does not even begin while the first one waits on its timer. The code is asynchronous but nothing runs concurrently: the total is the sum of the delays.</source>
        <translation>main()은 call_api(&apos;GOOG&apos;)를 await한 뒤에야 call_api(&apos;APPL&apos;)를 호출합니다. 코루틴을 직접 await하면 그 호출이 끝날 때까지 main이 일시 중단되므로, 첫 번째 호출이 타이머를 기다리는 동안 두 번째 호출은 시작조차 하지 않습니다. 코드는 비동기이지만 동시에 실행되는 것은 없습니다: 전체 시간은 지연의 합입니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The seed printed &quot;It took 6.0 second(s)&quot; for two 3 s calls. The chart shows a staircase: each task&apos;s sleep bar starts where the previous one ends; total ≈ tasks × D.</source>
        <translation>원글은 3 s 호출 두 번에 &quot;It took 6.0 second(s)&quot;를 출력했습니다. 차트는 계단 모양입니다: 각 태스크의 sleep 막대가 앞 막대가 끝나는 곳에서 시작하며, 전체 ≈ tasks × D입니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/blockingintask.cpp" line="+22"/>
        <source>A blocking call inside a task freezes the loop</source>
        <translation>태스크 안의 블로킹 호출로 멈추는 이벤트 루프</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../core/experiments/cpubound.cpp" line="+32"/>
        <location filename="../core/experiments/nestedeventloop.cpp" line="+23"/>
        <location filename="../core/experiments/offloadtopool.cpp" line="+42"/>
        <source>Event loop</source>
        <translation>이벤트 루프</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tasks whose bodies call time.sleep(D): no overlap, the loop frozen, tasks × D.</source>
        <translation>본문에서 time.sleep(D)를 호출하는 태스크들: 겹침 없음, 이벤트 루프 멈춤, tasks × D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task&apos;s body calls a blocking sleep (time.sleep in the seed, a thread sleep here) instead of awaiting a timer. A blocking call never suspends the coroutine, so it holds the only thread of the event loop for its whole duration: no other task, timer or event can run meanwhile. Making them tasks changes nothing — tasks only overlap while they are suspended at a co_await.

Start: as in the seed, tasks are started the way asyncio.create_task starts them — they first run once main yields to the loop — so task 2 is ready from the start but waits D for the loop that task 1 holds (the chart blames task 1&apos;s sleep for it). A QCoro task starts eagerly instead, inside the call that creates it: with start = eager, task 2 is not even created until task 1 has blocked for D, and nothing waits for the loop — main itself is held.</source>
        <translation>각 태스크의 본문은 타이머를 await하는 대신 블로킹 sleep(원글에서는 time.sleep, 여기서는 스레드 sleep)을 호출합니다. 블로킹 호출은 코루틴을 일시 중단하지 않으므로, 호출이 이어지는 내내 이벤트 루프의 유일한 스레드를 붙잡고 있습니다: 그동안 다른 태스크, 타이머, 이벤트는 전혀 실행될 수 없습니다. 태스크로 만들어도 달라지는 것은 없습니다 — 태스크는 co_await에서 일시 중단된 동안에만 겹칩니다.

시작: 원글처럼 태스크는 asyncio.create_task와 같은 방식으로 시작됩니다 — main이 이벤트 루프에 제어를 넘길 때 처음 실행됩니다 — 그래서 태스크 2는 처음부터 준비되어 있지만 태스크 1이 붙잡은 이벤트 루프를 D 동안 기다립니다(차트는 그 원인으로 태스크 1의 sleep을 가리킵니다). 반면 QCoro 태스크는 그것을 만드는 호출 안에서 곧바로(eager) 시작합니다: start = eager이면 태스크 1이 D 동안 블로킹할 때까지 태스크 2는 만들어지지도 않고, 이벤트 루프를 기다리는 것도 없습니다 — main 자체가 붙잡혀 있습니다.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The seed&apos;s test1 took 6 s for two 3 s tasks — it holds only when the call blocks (with an awaited sleep it is 3 s). The chart shows the blocking bars one after the other and the event loop lane red (stalled) for the whole tasks × D.</source>
        <translation>원글의 test1은 3 s 태스크 두 개에 6 s가 걸렸습니다 — 이는 호출이 블로킹일 때만 성립합니다(sleep을 await하면 3 s). 차트에서는 블로킹 막대가 하나씩 차례로 이어지고, 이벤트 루프 레인이 tasks × D 내내 빨간색(멈춤)입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>create_task: a task first runs when main yields (asyncio); eager: at once, inside the call (QCoro).</source>
        <translation>create_task: main이 제어를 넘길 때 태스크가 처음 실행됨(asyncio); eager: 호출 안에서 곧바로 실행됨(QCoro).</translation>
    </message>
    <message>
        <location filename="../core/experiments/combos.cpp" line="+45"/>
        <source>Combinations</source>
        <translation>조합</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two tasks, each calls GET /?delay=D and then runs SELECT pg_sleep(D) with the result — the seed&apos;s call_api2_xy(). Whatever is blocking holds the event loop&apos;s thread for its whole duration, so it overlaps with nothing; whatever is async suspends and lets the other task run. The total is the blocking time plus what cannot overlap.</source>
        <translation>태스크 두 개가 각각 GET /?delay=D를 호출한 뒤 그 결과로 SELECT pg_sleep(D)를 실행합니다 — 원글의 call_api2_xy()입니다. 블로킹인 단계는 실행되는 내내 이벤트 루프의 스레드를 붙잡으므로 어떤 것과도 겹치지 않고, 비동기인 단계는 일시 중단되어 다른 태스크가 실행되게 합니다. 전체 시간은 블로킹 시간에 겹칠 수 없는 부분을 더한 것입니다.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>GET then query, both blocking, in two tasks</source>
        <translation>GET 후 쿼리, 둘 다 블로킹, 태스크 두 개</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blocking GET D then blocking query D, in two tasks: nothing overlaps, 4D.</source>
        <translation>블로킹 GET D 후 블로킹 쿼리 D, 태스크 두 개: 겹치는 것 없음, 4D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed measured 12 s for D = 3 s. Four solid bars in a staircase, the loop frozen throughout. Were every step async, the run would take 2D (the dotted marker).</source>
        <translation>원글은 D = 3 s에서 12 s를 측정했습니다. 꽉 찬 막대 네 개가 계단 모양으로 이어지고, 이벤트 루프는 내내 멈춰 있습니다. 모든 단계가 비동기였다면 2D가 걸렸을 것입니다(점선 표시).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GET then query, one blocking and one async step per task</source>
        <translation>GET 후 쿼리, 태스크마다 블로킹 단계 하나와 비동기 단계 하나</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task 1 blocks on its GET, task 2 on its query; only the async steps overlap: 3D.</source>
        <translation>태스크 1은 GET에서, 태스크 2는 쿼리에서 블로킹합니다; 비동기 단계끼리만 겹칩니다: 3D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed measured 9 s for D = 3 s. Task 1&apos;s async query overlaps task 2&apos;s async GET; the blocking GET and the blocking query each freeze the loop on their own. Task 1&apos;s query is answered at 2D but resumed only at 3D — hatched, with an arrow from task 2&apos;s blocking query that held the loop (+D). Were every step async, the run would take 2D (the dotted marker; combo-async-async).</source>
        <translation>원글은 D = 3 s에서 9 s를 측정했습니다. 태스크 1의 비동기 쿼리가 태스크 2의 비동기 GET과 겹치고, 블로킹 GET과 블로킹 쿼리는 각각 따로 이벤트 루프를 멈춥니다. 태스크 1의 쿼리는 2D에 응답을 받지만 3D에야 재개됩니다 — 빗금으로 표시되고, 이벤트 루프를 붙잡은 태스크 2의 블로킹 쿼리에서 화살표가 이어집니다(+D). 모든 단계가 비동기였다면 2D가 걸렸을 것입니다(점선 표시; combo-async-async).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>GET then query, both async, in two tasks</source>
        <translation>GET 후 쿼리, 둘 다 비동기, 태스크 두 개</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Async GET D then async query D in two tasks: the tasks overlap, 2D.</source>
        <translation>비동기 GET D 후 비동기 쿼리 D, 태스크 두 개: 태스크끼리 겹침, 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed measured 6 s for D = 3 s. Both tasks&apos; GETs together, then both queries together; no stalls.</source>
        <translation>원글은 D = 3 s에서 6 s를 측정했습니다. 두 태스크의 GET이 함께, 이어서 두 쿼리가 함께 실행되며 멈춤은 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/cpubound.cpp" line="-1"/>
        <source>CPU-bound work: on the loop vs on a thread pool</source>
        <translation>CPU 바운드 작업: 이벤트 루프에서 vs 스레드 풀에서</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks that compute for D each: one after the other on the loop; in parallel on a pool.</source>
        <translation>각각 D만큼 계산하는 태스크들: 이벤트 루프에서는 하나씩 차례로, 풀에서는 병렬로.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task does a fixed amount of computation — what one idle core does in D. On the event loop (mode `loop`) coroutines cannot help: computing never suspends, so the tasks run one after the other and the loop is frozen throughout, tasks × D. Offloaded to a thread pool with one thread per core (mode `pool`), C++ threads really run in parallel — unlike Python threads, which the GIL lets run Python code only one at a time (the seed&apos;s point: for CPU-bound work asyncio and threads do not help, processes do). Here the total drops to ⌈tasks / cores⌉ × D.</source>
        <translation>각 태스크는 정해진 양의 계산을 합니다 — 유휴 코어 하나가 D 동안 하는 양입니다. 이벤트 루프에서(`loop` 모드)는 코루틴이 도움이 되지 않습니다: 계산은 결코 일시 중단되지 않으므로 태스크가 하나씩 차례로 실행되고 이벤트 루프는 내내 멈춰 있어 tasks × D가 걸립니다. 코어마다 스레드 하나를 둔 스레드 풀로 넘기면(`pool` 모드) C++ 스레드는 실제로 병렬로 실행됩니다 — GIL 때문에 한 번에 하나만 Python 코드를 실행할 수 있는 Python 스레드와 다릅니다(원글의 요지: CPU 바운드 작업에는 asyncio도 스레드도 도움이 되지 않고, 프로세스가 도움이 됩니다). 여기서는 전체 시간이 ⌈tasks / cores⌉ × D로 줄어듭니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With 4 tasks of D on 2 cores: 4D on the loop (a red event loop lane), 2D on the pool with two computing bars side by side on the pool threads&apos; lanes.</source>
        <translation>코어 2개에서 D짜리 태스크 4개: 이벤트 루프에서는 4D(빨간 이벤트 루프 레인), 풀에서는 2D이며 풀 스레드 레인에 계산 막대 두 개가 나란히 표시됩니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>D: the computation per task, as time on one idle core.</source>
        <translation>D: 태스크당 계산량, 유휴 코어 하나에서 걸리는 시간으로 나타냄.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many tasks compute.</source>
        <translation>계산하는 태스크 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where</source>
        <translation>실행 위치</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>loop: compute inside the tasks; pool: offload to one thread per core.</source>
        <translation>loop: 태스크 안에서 계산; pool: 코어마다 스레드 하나를 둔 풀로 넘김.</translation>
    </message>
    <message>
        <location filename="../core/experiments/gather.cpp" line="-1"/>
        <source>gather(): wait for all, results in submission order</source>
        <translation>gather(): 모두 기다리고, 결과는 제출 순서대로</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calls of D, 2D, 3D… gathered: done when the longest is, results in call order.</source>
        <translation>D, 2D, 3D… 호출을 gather: 가장 긴 호출이 끝날 때 완료, 결과는 호출 순서대로.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>asyncio.gather(call_api(&apos;API 1&apos;, 100, 1), call_api(&apos;API 2&apos;, 200, 2), ...) runs its awaitables concurrently and returns their results in the order they were passed, not the order they finished. Call i waits i × D here, so gather finishes with the longest call: total = tasks × D, not the sum. Coroscope&apos;s gather() (QCoro 0.8 has none) collects each task&apos;s outcome by index and resumes main when the last one settles.</source>
        <translation>asyncio.gather(call_api(&apos;API 1&apos;, 100, 1), call_api(&apos;API 2&apos;, 200, 2), ...)는 awaitable들을 동시에 실행하고, 끝난 순서가 아니라 전달된 순서대로 결과를 반환합니다. 여기서 호출 i는 i × D를 기다리므로 gather는 가장 긴 호출과 함께 끝납니다: 전체 = 합이 아니라 tasks × D. Coroscope의 gather()(QCoro 0.8에는 없음)는 각 태스크의 결과를 인덱스별로 모으고, 마지막 태스크가 끝나면 main을 재개합니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The seed printed &quot;100 200 ...&quot; in call order after the longest call. The chart shows the bars starting together and ending at D, 2D, 3D…; main&apos;s gather span ends with the last one, and the print mark lists them in submission order.</source>
        <translation>원글은 가장 긴 호출이 끝난 뒤 &quot;100 200 ...&quot;을 호출 순서대로 출력했습니다. 차트에서는 막대들이 함께 시작해 D, 2D, 3D…에 끝나고, main의 gather 구간은 마지막 막대와 함께 끝나며, print 마크는 결과를 제출 순서대로 나열합니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many calls; call i waits i × D (the seed used 3).</source>
        <translation>호출 수; 호출 i는 i × D를 기다립니다 (원글은 3).</translation>
    </message>
    <message>
        <location filename="../core/experiments/gatherexceptions.cpp" line="-2"/>
        <source>gather() when one call fails: errors as values or fail fast</source>
        <translation>호출 하나가 실패할 때의 gather(): 오류를 값으로 받기 또는 즉시 실패</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>API 1 (D), API 2 (2D) and a call that fails after D: 2D with errors as values, D failing fast.</source>
        <translation>API 1 (D), API 2 (2D), D 후에 실패하는 호출: 오류를 값으로 받으면 2D, 즉시 실패하면 D.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gather(call_api(&apos;API 1&apos;, 100, 1), call_api(&apos;API 2&apos;, 200, 2), call_api_failed()) where call_api_failed raises APIError(&apos;API failed&apos;) after D. With return_exceptions=True (mode `values`) gather waits for everything and returns the error in its place: 100 200 API failed, after 2D. Without it (mode `fail-fast`) gather raises the first error as soon as it happens, after D — and API 2 is not cancelled: it keeps running until main returns, when it is cancelled like every task asyncio.run() finds pending.</source>
        <translation>gather(call_api(&apos;API 1&apos;, 100, 1), call_api(&apos;API 2&apos;, 200, 2), call_api_failed())에서 call_api_failed는 D 후에 APIError(&apos;API failed&apos;)를 발생시킵니다. return_exceptions=True이면(`values` 모드) gather는 모두를 기다린 뒤 그 자리에 오류를 넣어 반환합니다: 2D 후 100 200 API failed. 없으면(`fail-fast` 모드) gather는 첫 오류가 발생하는 즉시, 즉 D 후에 그 오류를 발생시킵니다 — 그리고 API 2는 취소되지 않습니다: main이 반환될 때까지 계속 실행되다가, 그때 asyncio.run()이 아직 끝나지 않은 채로 발견하는 다른 모든 태스크처럼 취소됩니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The seed printed &apos;100 200 API failed&apos;. The chart shows the failing call red with its message; with fail-fast, main&apos;s gather ends red at D and API 2&apos;s bar is cut off (cancelled).</source>
        <translation>원글은 &apos;100 200 API failed&apos;를 출력했습니다. 차트에서는 실패하는 호출이 메시지와 함께 빨간색으로 표시됩니다; fail-fast에서는 main의 gather가 D에서 빨간색으로 끝나고 API 2의 막대는 중간에 잘립니다(취소됨).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Errors</source>
        <translation>오류</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>values: return_exceptions=True; fail-fast: the default.</source>
        <translation>values: return_exceptions=True; fail-fast: 기본 동작.</translation>
    </message>
    <message>
        <location filename="../core/experiments/httpfanout.cpp" line="+26"/>
        <source>Fan-out: N concurrent GETs through a connection limit</source>
        <translation>팬아웃: 커넥션 제한을 거치는 동시 GET N개</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../core/experiments/httpx2.cpp" line="+24"/>
        <location line="+35"/>
        <location filename="../core/experiments/serverserialvsasync.cpp" line="+25"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n GETs of D at once; at most `limit` in flight, so they go in ⌈n / limit⌉ waves.</source>
        <translation>D짜리 GET n개를 한꺼번에; 동시에 진행되는 것은 최대 `limit`개이므로 ⌈n / limit⌉번의 웨이브로 나뉩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n tasks each await GET /?delay=D through one async client. The client keeps at most `limit` connections in flight (httpx allows 100); the others wait for a free one — the pink &apos;waiting for a connection&apos; bars. With limit 6 and 24 requests they go in four waves of D; with the limit at n they all wait together and the whole takes D, up to 10 000 requests on one thread. Qt 6.4 allows 6 connections per host per network manager, so the client spreads its connections over ⌈limit / 6⌉ managers.</source>
        <translation>n개의 태스크가 각각 하나의 비동기 클라이언트를 통해 GET /?delay=D를 await합니다. 클라이언트는 진행 중인 커넥션을 최대 `limit`개까지 유지하고(httpx는 100개 허용), 나머지는 빈 커넥션을 기다립니다 — 분홍색 &apos;waiting for a connection&apos; 막대입니다. limit 6에 요청 24개면 D 길이의 웨이브 4번으로 나뉘고, limit이 n이면 모두 함께 기다려 전체가 D 걸리며, 이는 스레드 하나에서 요청 10 000개까지 성립합니다. Qt 6.4는 네트워크 매니저마다 호스트당 6개의 커넥션을 허용하므로, 클라이언트는 커넥션을 ⌈limit / 6⌉개의 매니저에 나눠 둡니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waves of `limit` bars, each D long, and a total of D × ⌈n / limit⌉. Beyond 64 lanes the tasks fold into one lane showing how many are in flight.</source>
        <translation>`limit`개씩의 막대가 각각 D 길이의 웨이브를 이루며, 전체는 D × ⌈n / limit⌉입니다. 레인이 64개를 넘으면 태스크들이 하나의 레인으로 접혀 진행 중인 개수를 보여줍니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Requests</source>
        <translation>요청 수</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many GETs at once.</source>
        <translation>한꺼번에 보낼 GET 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection limit</source>
        <translation>커넥션 제한</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connections the client keeps in flight (httpx: 100).</source>
        <translation>클라이언트가 동시에 진행시키는 커넥션 수 (httpx: 100).</translation>
    </message>
    <message>
        <location filename="../core/experiments/httpx2.cpp" line="-36"/>
        <source>Two tasks, each a blocking HTTP GET</source>
        <translation>태스크 두 개, 각각 블로킹 HTTP GET</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks that call a blocking GET /?delay=D: one after the other, the loop frozen, 2D.</source>
        <translation>블로킹 GET /?delay=D를 호출하는 태스크들: 하나씩 차례로, 이벤트 루프 멈춤, 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task calls a blocking GET (httpx.get in the seed; a synchronous QNetworkAccessManager request here) on the delay server, which answers after D. The call holds the event loop&apos;s only thread until the answer is in, so the second request is not even sent before the first has come back: wrapping the call in a task changes nothing. The delay server runs on its own thread — on the experiment&apos;s loop it could never answer a blocking client.</source>
        <translation>각 태스크는 D 후에 응답하는 지연 서버에 블로킹 GET(원글에서는 httpx.get, 여기서는 동기식 QNetworkAccessManager 요청)을 호출합니다. 이 호출은 응답이 올 때까지 이벤트 루프의 유일한 스레드를 붙잡고 있으므로, 첫 번째 요청이 돌아오기 전에는 두 번째 요청이 보내지지도 않습니다: 호출을 태스크로 감싸도 달라지는 것은 없습니다. 지연 서버는 자기 스레드에서 실행됩니다 — 실험의 이벤트 루프 위에 있다면 블로킹 클라이언트에게 절대 응답할 수 없을 것입니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The seed measured 6 s for two 3 s requests (http://localhost:8000/?delay=3). The chart shows two solid HTTP bars one after the other, the event loop lane red for the whole 2D, and on the server lane the second request arriving only when the first was answered.</source>
        <translation>원글은 3 s 요청 두 번(http://localhost:8000/?delay=3)에 6 s를 측정했습니다. 차트에서는 꽉 찬 HTTP 막대 두 개가 하나씩 차례로 이어지고, 이벤트 루프 레인은 2D 내내 빨간색이며, 서버 레인에서는 첫 번째 요청에 응답한 뒤에야 두 번째 요청이 도착합니다.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Two tasks, each an async HTTP GET</source>
        <translation>태스크 두 개, 각각 비동기 HTTP GET</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks that await GET /?delay=D with an async client: both in flight at once, D.</source>
        <translation>비동기 클라이언트로 GET /?delay=D를 await하는 태스크들: 둘 다 동시에 진행, D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task awaits a GET through the async client (httpx.AsyncClient in the seed; QNetworkAccessManager driven by QCoro here). Sending the request and waiting for the answer suspend the coroutine, so the loop sends the second request right away and both wait on the server together. The client allows 100 connections at once, like httpx.</source>
        <translation>각 태스크는 비동기 클라이언트(원글에서는 httpx.AsyncClient, 여기서는 QCoro로 구동하는 QNetworkAccessManager)를 통해 GET을 await합니다. 요청을 보내는 동안과 응답을 기다리는 동안 코루틴이 일시 중단되므로, 이벤트 루프는 곧바로 두 번째 요청을 보내고 두 요청이 함께 서버를 기다립니다. 클라이언트는 httpx처럼 한 번에 100개의 커넥션을 허용합니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The seed measured 3 s for two 3 s requests instead of 6. The chart shows the two HTTP bars on top of each other, both requests in flight on the server lane, and an event loop without stalls.</source>
        <translation>원글은 3 s 요청 두 번에 6 s가 아닌 3 s를 측정했습니다. 차트에서는 두 HTTP 막대가 같은 시간대에 위아래로 겹쳐 있고, 서버 레인에서 두 요청이 동시에 진행 중이며, 이벤트 루프에는 멈춤이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/nestedeventloop.cpp" line="-1"/>
        <source>Waiting by spinning a nested event loop</source>
        <translation>중첩 이벤트 루프를 돌려서 기다리기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Task A waits D in a nested loop, B waits 2D in another inside it: A can only return after B.</source>
        <translation>태스크 A는 중첩 루프에서 D를, B는 그 안의 또 다른 중첩 루프에서 2D를 기다립니다: A는 B가 끝난 뒤에야 반환할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Instead of co_await, a task can wait synchronously by running a nested event loop until its result is there — QEventLoop::exec(), QCoro::waitFor(), or loop.run_until_complete() under nest_asyncio. The loop keeps turning, so other tasks run — but inside the waiting task&apos;s stack. Here task A waits D that way; while it waits, task B starts inside A&apos;s nested loop and waits 2D with a nested loop of its own. A&apos;s timer fires at D, but A&apos;s exec() is below B&apos;s on the stack and cannot return until B&apos;s does: A finishes at 2D. Nested loops return last-in, first-out. Mode `await` does the same with co_await: A finishes at D.</source>
        <translation>태스크는 co_await 대신 결과가 나올 때까지 중첩 이벤트 루프를 실행해 동기적으로 기다릴 수 있습니다 — QEventLoop::exec(), QCoro::waitFor(), 또는 nest_asyncio 아래의 loop.run_until_complete(). 이벤트 루프는 계속 돌기 때문에 다른 태스크도 실행됩니다 — 다만 기다리는 태스크의 스택 안에서 실행됩니다. 여기서 태스크 A는 그렇게 D를 기다리고, 그동안 태스크 B가 A의 중첩 루프 안에서 시작해 자신의 중첩 루프로 2D를 기다립니다. A의 타이머는 D에 울리지만, A의 exec()는 스택에서 B의 것보다 아래에 있어 B의 exec()가 반환될 때까지 반환할 수 없습니다: A는 2D에 끝납니다. 중첩 루프는 후입선출(LIFO)로 반환합니다. `await` 모드는 같은 일을 co_await로 합니다: A는 D에 끝납니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>In `nested` mode A&apos;s bar is ready at D (the hatched part is the time it was ready but stuck under B&apos;s nested loop) and ends with B&apos;s at 2D; in `await` mode it ends at D. The total is 2D either way; no stalls, the loop keeps running.</source>
        <translation>`nested` 모드에서 A의 막대는 D에 준비되고(빗금 부분은 준비되었지만 B의 중첩 루프 아래에 갇혀 있던 시간입니다) B와 함께 2D에 끝납니다; `await` 모드에서는 D에 끝납니다. 어느 쪽이든 전체는 2D이며, 멈춤은 없고 이벤트 루프는 계속 돌아갑니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting</source>
        <translation>대기 방식</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nested: QEventLoop::exec() inside the task; await: co_await.</source>
        <translation>nested: 태스크 안에서 QEventLoop::exec(); await: co_await.</translation>
    </message>
    <message>
        <location filename="../core/experiments/offloadtopool.cpp" line="-2"/>
        <source>Offloading blocking calls to a thread pool (run_in_executor)</source>
        <translation>블로킹 호출을 스레드 풀로 넘기기 (run_in_executor)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Blocking sleeps of 1u, 2u, 3u on a pool: 3u with 3 threads; with 2 the third job waits.</source>
        <translation>풀에서 1u, 2u, 3u 블로킹 sleep: 스레드 3개면 3u; 2개면 세 번째 작업이 기다립니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gather(sync_time(1), sync_time(2), sync_time(3)) where each sync_time runs time.sleep in loop.run_in_executor. The blocking calls move to a thread pool (QtConcurrent::run on a dedicated QThreadPool here, awaited as a QFuture), so the event loop stays free and the calls overlap: the total is the longest, 3u. The pool&apos;s size matters: with 2 threads the third job queues until a thread is free (after 1u) and the total becomes 4u. The global QThreadPool has only as many threads as cores, which is why blocking work gets its own pool.</source>
        <translation>gather(sync_time(1), sync_time(2), sync_time(3))에서 각 sync_time은 loop.run_in_executor 안에서 time.sleep을 실행합니다. 블로킹 호출이 스레드 풀로 옮겨지므로(여기서는 전용 QThreadPool에서 QtConcurrent::run으로 실행하고 QFuture로 await합니다) 이벤트 루프는 막히지 않고 호출들이 겹칩니다. 전체 시간은 가장 긴 호출인 3u입니다. 풀 크기가 중요합니다. 스레드가 2개이면 세 번째 작업은 스레드가 빌 때(1u 후)까지 대기열에서 기다리고 전체 시간은 4u가 됩니다. 전역 QThreadPool에는 코어 수만큼의 스레드만 있으므로 블로킹 작업에는 별도의 풀을 둡니다.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The seed measured 3.015 s for 1 + 2 + 3 s. The chart shows the jobs on the pool threads&apos; lanes, the event loop lane free of stalls, and with pool=2 the third task&apos;s &apos;waiting for a pool thread&apos; bar.</source>
        <translation>원글은 1 + 2 + 3 s에 대해 3.015 s를 측정했습니다. 차트에는 풀 스레드 레인 위의 작업들과 멈춤 없는 이벤트 루프 레인이 보이고, pool=2이면 세 번째 태스크의 &apos;waiting for a pool thread&apos; 막대가 보입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The unit u: job i blocks for i × u.</source>
        <translation>단위 u: 작업 i는 i × u 동안 블로킹됩니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many jobs; job i blocks for i × u (the seed used 3).</source>
        <translation>작업 개수입니다. 작업 i는 i × u 동안 블로킹됩니다(원글에서는 3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/experiments/pgpools.cpp" line="+249"/>
        <source>Pool threads</source>
        <translation>풀 스레드</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Threads in the pool (with 2, the third job waits).</source>
        <translation>풀의 스레드 수(2이면 세 번째 작업이 기다립니다).</translation>
    </message>
    <message>
        <location filename="../core/experiments/params.cpp" line="-83"/>
        <source>Delay</source>
        <translation>지연</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The base delay D of every awaited call (the seeds used 3 s).</source>
        <translation>await하는 모든 호출의 기본 지연 D(원글에서는 3 s).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty: the embedded delay server. Or your own http(s) endpoint; ?delay=D is added.</source>
        <translation>비워 두면 내장 지연 서버를 사용합니다. 직접 준비한 http(s) 엔드포인트도 지정할 수 있으며, ?delay=D가 덧붙습니다.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tasks</source>
        <translation>태스크</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How many tasks (the seeds used 2).</source>
        <translation>태스크 개수(원글에서는 2).</translation>
    </message>
    <message>
        <location filename="../core/experiments/pgpools.cpp" line="-218"/>
        <source>Pool size</source>
        <translation>풀 크기</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A pool whose checkouts run SET ROLE</source>
        <translation>체크아웃마다 SET ROLE을 실행하는 풀</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+53"/>
        <location line="+71"/>
        <location line="+51"/>
        <source>Pools</source>
        <translation>풀</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Each task: GET D, then two queries D on a pooled session set up with SET ROLE: 3D.</source>
        <translation>각 태스크: GET D, 이어서 SET ROLE로 설정된 풀 세션에서 D짜리 쿼리 두 번: 3D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the seed ended up after the scope pitfall: an AsyncConnectionPool and a set_role coroutine, run on every checkout, that does SET ROLE with the role quoted as an identifier (sql.Identifier in the seed; PQescapeIdentifier here — a role cannot be a bound parameter). Each task fetches a price (GET D), checks a connection out of the pool, and runs two queries of D on it: they see current_user = the role and session_user = the login role. When the connection goes back, the pool runs RESET ROLE — RESET ALL does not undo SET ROLE — so the next task does not inherit the role by accident. The pool&apos;s lanes show each connection: opened, checked out by which task, reset.</source>
        <translation>스코프 함정을 겪은 뒤 원글이 도달한 방식입니다. AsyncConnectionPool과, 체크아웃마다 실행되어 롤 이름을 식별자로 인용해 SET ROLE을 수행하는 set_role 코루틴을 씁니다(원글에서는 sql.Identifier, 여기서는 PQescapeIdentifier — 롤은 바인드 파라미터가 될 수 없습니다). 각 태스크는 가격을 가져오고(GET D), 풀에서 커넥션을 체크아웃한 뒤 그 커넥션에서 D짜리 쿼리를 두 번 실행합니다. 쿼리에서는 current_user = 그 롤, session_user = 로그인 롤로 보입니다. 커넥션이 반환되면 풀은 RESET ROLE을 실행합니다 — RESET ALL은 SET ROLE을 되돌리지 않습니다 — 그래서 다음 태스크가 실수로 롤을 물려받지 않습니다. 풀 레인에는 커넥션마다 열림, 어느 태스크가 체크아웃했는지, 리셋이 표시됩니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>3D for two tasks side by side (GET, then two queries each). The task lanes show connect (first checkout only), a purple SET ROLE setup bar, then the queries with a print of current_user and session_user; the pool lanes show the checkouts and RESET ROLE.</source>
        <translation>두 태스크가 나란히 실행되어 3D(각각 GET 후 쿼리 두 번). 태스크 레인에는 connect(첫 체크아웃에서만), 보라색 SET ROLE 설정 막대, 그리고 current_user와 session_user를 출력하는 쿼리들이 보입니다. 풀 레인에는 체크아웃과 RESET ROLE이 보입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Role</source>
        <translation>롤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The role each checkout switches to (the login role must be a member of it).</source>
        <translation>각 체크아웃이 전환할 롤(로그인 롤이 이 롤의 멤버여야 합니다).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>More tasks than pooled connections</source>
        <translation>풀 커넥션보다 많은 태스크</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>M tasks share a pool of P connections: they go in waves, D·⌈M/P⌉.</source>
        <translation>M개의 태스크가 커넥션 P개짜리 풀을 나눠 씁니다: 여러 차례로 나뉘어 D·⌈M/P⌉.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>M tasks each check a connection out and run one query of D, but the pool holds at most P connections. The first P tasks get one at once; the others wait in the pool&apos;s queue — a pink &apos;waiting for a connection&apos; bar — until a connection comes back, so the queries go in waves of P. A pool bounds how much work reaches the database at once; the cost is latency for the tasks that queue. With an acquire timeout shorter than the queue, the last tasks give up with an error naming the pool and its size.</source>
        <translation>M개의 태스크가 각각 커넥션을 체크아웃해 D짜리 쿼리를 하나씩 실행하지만, 풀은 커넥션을 최대 P개까지만 둡니다. 처음 P개의 태스크는 곧바로 커넥션을 얻고, 나머지는 커넥션이 돌아올 때까지 풀의 대기열에서 기다립니다 — 분홍색 &apos;waiting for a connection&apos; 막대 — 그래서 쿼리는 P개씩 여러 차례로 나뉘어 실행됩니다. 풀은 한 번에 데이터베이스에 도달하는 작업량을 제한하며, 그 대가는 대기하는 태스크의 지연 시간입니다. 획득 타임아웃이 대기열보다 짧으면 마지막 태스크들은 풀 이름과 크기를 담은 오류를 내며 포기합니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>With M = 6 and P = 2: three waves, 3D. Task lanes show waits growing by D per wave; the two pool lanes show back-to-back checkouts.</source>
        <translation>M = 6, P = 2이면 세 차례, 3D입니다. 태스크 레인에는 차례마다 D씩 길어지는 대기가 보이고, 두 풀 레인에는 빈틈없이 이어지는 체크아웃이 보입니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>M: tasks that each need a connection.</source>
        <translation>M: 각각 커넥션이 필요한 태스크 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>P: connections the pool may open.</source>
        <translation>P: 풀이 열 수 있는 커넥션 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acquire timeout</source>
        <translation>획득 타임아웃</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How long a task waits for a connection before it fails.</source>
        <translation>태스크가 실패하기 전까지 커넥션을 기다리는 시간.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>A pooled connection killed on the server; pre-ping replaces it</source>
        <translation>서버에서 끊긴 풀 커넥션을 pre-ping이 교체</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server drops an idle pooled connection; the checkout&apos;s health check notices and reconnects.</source>
        <translation>서버가 유휴 풀 커넥션을 끊습니다. 체크아웃 시의 상태 검사가 이를 알아채고 다시 연결합니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A pool opens a connection and keeps it idle. Then the server ends that session — here SELECT pg_terminate_backend(pid) from another session, as a DBA, a failover or an idle timeout would. The pool cannot know: the socket looks fine until it is used. With pre_ping (SQLAlchemy&apos;s pool_pre_ping, what the seed turned on), every checkout of a reused connection first makes a SELECT 1 round trip; the dead one fails it, is counted as lost and replaced by a new connection, and the task never sees an error. Without pre_ping, the first task to get the dead connection fails with the server&apos;s &apos;terminating connection due to administrator command&apos;.</source>
        <translation>풀이 커넥션을 하나 열어 유휴 상태로 둡니다. 그런 다음 서버가 그 세션을 끝냅니다 — 여기서는 다른 세션에서 SELECT pg_terminate_backend(pid)로 끝내며, DBA나 페일오버, 유휴 타임아웃도 같은 일을 합니다. 풀은 이를 알 수 없습니다. 소켓은 실제로 쓰기 전까지는 멀쩡해 보입니다. pre_ping(SQLAlchemy의 pool_pre_ping, 원글에서 켠 옵션)을 켜면 재사용하는 커넥션을 체크아웃할 때마다 먼저 SELECT 1 왕복을 수행합니다. 죽은 커넥션은 여기서 실패하여 lost로 집계되고 새 커넥션으로 교체되므로, 태스크는 오류를 보지 않습니다. pre_ping이 없으면 죽은 커넥션을 처음 받은 태스크가 서버의 &apos;terminating connection due to administrator command&apos; 오류로 실패합니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pre_ping on: task 1&apos;s pre-ping bar says the connection was replaced, a connect follows, both queries overlap: D plus a reconnect; the pool lane shows &apos;lost&apos;. Off: task 1 ends red and the run fails.</source>
        <translation>pre_ping 켬: 태스크 1의 pre-ping 막대에 커넥션이 교체되었다고 표시되고 connect가 뒤따르며, 두 쿼리가 겹칩니다: D + 재연결 시간. 풀 레인에는 &apos;lost&apos;가 표시됩니다. 끔: 태스크 1이 빨간색으로 끝나고 실행이 실패합니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pre-ping</source>
        <translation>Pre-ping</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check each reused connection with SELECT 1 on checkout.</source>
        <translation>재사용하는 커넥션을 체크아웃할 때마다 SELECT 1로 확인합니다.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A blocking driver on a thread pool, one connection per thread</source>
        <translation>스레드 풀 위의 블로킹 드라이버, 스레드마다 커넥션 하나</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Blocking queries offloaded to a thread pool, each thread with its own session: D.</source>
        <translation>블로킹 쿼리를 스레드 풀로 넘기고, 스레드마다 자기 세션을 둡니다: D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed 001 covers databases without an async driver (Oracle, MSSQL): aioodbc runs the blocking ODBC calls on a thread pool, and scoped_session gives each thread a session of its own because a session must not be shared between threads. Here the blocking libpq calls (PQconnectdb, PQexecParams) run on a dedicated thread pool, awaited from the loop; each pool thread opens one connection on first use and keeps it for its next jobs. The loop stays free and the queries overlap up to the number of threads; with fewer threads than tasks they go in waves, and a thread&apos;s second job reuses its connection.</source>
        <translation>원글 001은 async 드라이버가 없는 데이터베이스(Oracle, MSSQL)를 다룹니다. aioodbc가 블로킹 ODBC 호출을 스레드 풀에서 실행하고, 세션은 스레드 간에 공유하면 안 되므로 scoped_session이 스레드마다 별도의 세션을 줍니다. 여기서는 블로킹 libpq 호출(PQconnectdb, PQexecParams)을 전용 스레드 풀에서 실행하고 루프에서 await합니다. 각 풀 스레드는 처음 쓸 때 커넥션을 하나 열어 이후 작업에서도 계속 씁니다. 루프는 막히지 않고 쿼리는 스레드 수만큼까지 겹칩니다. 스레드가 태스크보다 적으면 여러 차례로 나뉘어 실행되고, 스레드의 두 번째 작업은 그 스레드의 커넥션을 재사용합니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Two tasks on two threads: D, the blocking connect and query bars on the pool threads&apos; lanes, no stall on the event loop lane. With tasks = 4 and pool = 2: 2D, and the second wave has no connect bar.</source>
        <translation>스레드 2개에서 태스크 2개: D. 풀 스레드 레인에 블로킹 connect 막대와 쿼리 막대가 보이고, 이벤트 루프 레인에는 멈춤이 없습니다. tasks = 4, pool = 2이면 2D이고, 두 번째 차례에는 connect 막대가 없습니다.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Threads in the pool, each with its own connection.</source>
        <translation>풀의 스레드 수. 스레드마다 자기 커넥션을 가집니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/pgsessions.cpp" line="+32"/>
        <source>Two queries per task on one session</source>
        <translation>태스크마다 한 세션에서 쿼리 두 개</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two queries per task, a session each</source>
        <translation>태스크마다 쿼리 두 개, 쿼리마다 세션 하나</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <location filename="../core/experiments/pgx2.cpp" line="+24"/>
        <location line="+32"/>
        <source>Postgres</source>
        <translation>Postgres</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Each task runs two pg_sleep(D) on one async connection: 2D.</source>
        <translation>각 태스크가 비동기 커넥션 하나에서 pg_sleep(D)를 두 번 실행합니다: 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task runs two pg_sleep(D), each on a connection of its own: 2D.</source>
        <translation>각 태스크가 pg_sleep(D)를 두 번, 각각 자기 커넥션에서 실행합니다: 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Like pg-async-x2, but each task runs two queries one after the other — on one connection (`shared`), or opening a connection for each (`separate`). Within a task the second query waits for the first either way; across tasks everything overlaps. The seed found no difference: 6 s for 2 × 3 s per task, both ways. A session runs one query at a time, so what overlaps is the tasks, not the queries of one task.</source>
        <translation>pg-async-x2와 같지만 각 태스크가 쿼리 두 개를 차례로 실행합니다 — 커넥션 하나에서(`shared`), 또는 쿼리마다 커넥션을 새로 열어서(`separate`). 어느 쪽이든 한 태스크 안에서는 두 번째 쿼리가 첫 번째를 기다리고, 태스크끼리는 모두 겹칩니다. 원글에서는 차이가 없었습니다: 두 방식 모두 태스크마다 2 × 3 s로 6 s였습니다. 세션은 한 번에 쿼리 하나만 실행하므로, 겹치는 것은 태스크들이지 한 태스크의 쿼리들이 아닙니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Two tasks with two query bars each, the tasks side by side, 2D in all; with `separate`, a connect bar before each query.</source>
        <translation>쿼리 막대가 두 개씩인 태스크 두 개가 나란히, 전체 2D. `separate`이면 각 쿼리 앞에 connect 막대가 있습니다.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A session used after the scope that owns it has ended</source>
        <translation>소유한 스코프가 끝난 뒤에 사용된 세션</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GET D, then two queries on a session whose owning scope has already closed it.</source>
        <translation>GET D, 이어서 소유 스코프가 이미 닫아 버린 세션에서 쿼리 두 번.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seed wanted a helper that connects and runs SET ROLE, and wrote it as an async generator: `async with aconn: await aconn.execute(SET ROLE ...); yield aconn`, fetched with anext(). The caller keeps the connection, but the generator owning the `async with` is dropped at once and finalised on the loop&apos;s next turn — which closes the connection as soon as it is idle. The first query (already running) completes; the second fails with &apos;the connection is closed&apos;. Here the owning scope is a coroutine that hands out the session and closes it on the next turn, just like that. The fix (variant `fixed`): keep the connection inside one scope — the seed moved to a pool and a set_role callback run on each checkout.</source>
        <translation>원글은 접속한 뒤 SET ROLE을 실행하는 헬퍼를 원했고, 이를 async 제너레이터로 작성했습니다: `async with aconn: await aconn.execute(SET ROLE ...); yield aconn`, 그리고 anext()로 꺼냈습니다. 호출자는 커넥션을 쥐고 있지만, `async with`를 소유한 제너레이터는 곧바로 버려지고 이벤트 루프의 다음 차례에 정리(finalize)됩니다 — 이때 커넥션은 유휴 상태가 되는 즉시 닫힙니다. (이미 실행 중인) 첫 번째 쿼리는 완료되고, 두 번째 쿼리는 &apos;the connection is closed&apos;로 실패합니다. 여기서는 소유 스코프가 세션을 넘겨준 뒤 다음 차례에 닫는 코루틴이어서, 똑같이 동작합니다. 해결책(변형 `fixed`): 커넥션을 하나의 스코프 안에 둡니다 — 원글은 풀과, 체크아웃마다 실행되는 set_role 콜백으로 옮겼습니다.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>pitfall: the first query of each task completes, the second ends red with &apos;the connection is closed&apos; and the run fails; fixed: GET, then two queries, 3D.</source>
        <translation>pitfall: 각 태스크의 첫 번째 쿼리는 완료되고, 두 번째는 &apos;the connection is closed&apos;와 함께 빨간색으로 끝나며 실행이 실패합니다. fixed: GET 후 쿼리 두 번, 3D.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/experiments/sayafter.cpp" line="+20"/>
        <source>Variant</source>
        <translation>변형</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pitfall: the seed&apos;s generator; fixed: one scope owns the session.</source>
        <translation>pitfall: 원글의 제너레이터. fixed: 하나의 스코프가 세션을 소유합니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/pgx2.cpp" line="-33"/>
        <source>Two tasks, each a blocking query</source>
        <translation>태스크 두 개, 각각 블로킹 쿼리</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks that connect and run SELECT pg_sleep(D) blocking: one after the other, 2D.</source>
        <translation>접속한 뒤 SELECT pg_sleep(D)를 블로킹으로 실행하는 태스크: 하나씩 차례로, 2D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task opens a blocking connection and runs SELECT pg_sleep(D) (psycopg&apos;s sync Connection in the seed; PQconnectdb and PQexecParams here). Both calls hold the event loop&apos;s thread until the server answers, so the second task only starts after the first has finished: tasks do not help with a blocking driver.</source>
        <translation>각 태스크가 블로킹 커넥션을 열고 SELECT pg_sleep(D)를 실행합니다(원글에서는 psycopg의 동기 Connection, 여기서는 PQconnectdb와 PQexecParams). 두 호출 모두 서버가 응답할 때까지 이벤트 루프의 스레드를 붙잡고 있으므로, 두 번째 태스크는 첫 번째가 끝난 뒤에야 시작합니다. 블로킹 드라이버로는 태스크가 도움이 되지 않습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The seed measured 6 s for two 3 s queries. The chart shows solid connect and query bars one after the other and the event loop lane red throughout.</source>
        <translation>원글은 3 s 쿼리 두 개에 6 s를 측정했습니다. 차트에는 꽉 찬 connect 막대와 쿼리 막대가 차례로 이어지고, 이벤트 루프 레인은 내내 빨간색입니다.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Two tasks, each an async query</source>
        <translation>태스크 두 개, 각각 async 쿼리</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tasks that connect and await SELECT pg_sleep(D) asynchronously: overlapping, D.</source>
        <translation>접속한 뒤 SELECT pg_sleep(D)를 비동기로 await하는 태스크: 겹쳐서, D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each task opens an async connection and awaits SELECT pg_sleep(D) (psycopg&apos;s AsyncConnection in the seed; libpq in non-blocking mode driven by the Qt event loop here). Connecting and waiting for the result suspend the coroutine, so both sessions sleep on the server at the same time, each in its own backend.</source>
        <translation>각 태스크가 async 커넥션을 열고 SELECT pg_sleep(D)를 await합니다(원글에서는 psycopg의 AsyncConnection, 여기서는 Qt 이벤트 루프가 구동하는 논블로킹 모드의 libpq). 접속과 결과 대기가 코루틴을 일시 중단하므로, 두 세션이 각자 자기 백엔드에서 동시에 서버에서 잠듭니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The seed measured 3 s for two 3 s queries instead of 6. The chart shows the two query bars on top of each other (after a few milliseconds of connecting) and no stalls.</source>
        <translation>원글은 3 s 쿼리 두 개에 6 s가 아니라 3 s를 측정했습니다. 차트에는 (몇 밀리초의 접속 뒤) 두 쿼리 막대가 겹쳐 있고 멈춤이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/prerequisites.cpp" line="+15"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The query each task runs; $1 is bound to the delay (never spliced into the SQL).</source>
        <translation>각 태스크가 실행할 쿼리. $1에는 지연 값이 바인딩됩니다(SQL에 직접 끼워 넣지 않습니다).</translation>
    </message>
    <message>
        <location filename="../core/experiments/sayafter.cpp" line="-21"/>
        <source>say_after: awaited in turn or as tasks</source>
        <translation>say_after: 차례로 await하기와 태스크로 실행하기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>say_after(1u, &apos;hello&apos;) then say_after(2u, &apos;world&apos;): 3u in turn, 2u as tasks.</source>
        <translation>say_after(1u, &apos;hello&apos;) 후 say_after(2u, &apos;world&apos;): 차례로 하면 3u, 태스크로 하면 2u.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An early example of the asyncio documentation. say_after(delay, what) waits `delay` and prints `what`. Variant `sequential` awaits say_after(1u, &apos;hello&apos;) and then say_after(2u, &apos;world&apos;): the second timer is only armed when the first has fired, 3u in all. Variant `tasks` starts both as tasks first and then awaits them: both timers run at once and the whole takes as long as the longer one, 2u. The unit u is the `delay` parameter.</source>
        <translation>asyncio 문서 앞부분에 나오는 예제입니다. say_after(delay, what)은 `delay`만큼 기다린 뒤 `what`을 출력합니다. 변형 `sequential`은 say_after(1u, &apos;hello&apos;)를 await한 다음 say_after(2u, &apos;world&apos;)를 await합니다. 두 번째 타이머는 첫 번째가 만료된 뒤에야 설정되므로 전체 3u입니다. 변형 `tasks`는 둘을 먼저 태스크로 시작한 뒤 await합니다. 두 타이머가 동시에 돌아가므로 전체는 더 긴 쪽만큼인 2u가 걸립니다. 단위 u는 `delay` 파라미터입니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The seed printed &apos;started at 17:13:52 … finished at 17:13:55&apos; (3 s) for the sequential version and 2 s for the tasks. The chart shows two bars one after the other, or on top of each other ending at u and 2u.</source>
        <translation>원글은 순차 버전에서 &apos;started at 17:13:52 … finished at 17:13:55&apos;(3 s)를, 태스크 버전에서 2 s를 출력했습니다. 차트에는 두 막대가 차례로 이어지거나, 겹쳐서 각각 u와 2u에 끝납니다.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The unit u: say_after waits 1u and 2u.</source>
        <translation>단위 u: say_after는 1u와 2u를 기다립니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Await each call in turn, or start both as tasks first.</source>
        <translation>각 호출을 차례로 await하거나, 둘을 먼저 태스크로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../core/experiments/serverserialvsasync.cpp" line="-2"/>
        <source>A server that answers one request at a time vs all at once</source>
        <translation>요청을 한 번에 하나씩 처리하는 서버 vs 한꺼번에 처리하는 서버</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>N async clients at once; a serial server takes N × D, an async one D.</source>
        <translation>async 클라이언트 N개가 동시에 요청합니다. 직렬 서버는 N × D, async 서버는 D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The clients are async and send all their requests at once; what changes is the server. In mode `serial` it works like a single synchronous worker (a WSGI server with one worker): it takes a request, waits D, answers, and only then takes the next — the others queue. In mode `async` (like an ASGI server) it waits for every request&apos;s delay at the same time. Concurrency on the client does not help when the server serialises.</source>
        <translation>클라이언트는 async이며 모든 요청을 한꺼번에 보냅니다. 달라지는 것은 서버입니다. `serial` 모드에서 서버는 동기 워커 하나처럼(워커가 하나인 WSGI 서버) 동작합니다: 요청을 하나 받아 D만큼 기다렸다가 응답하고, 그다음에야 다음 요청을 받습니다 — 나머지는 대기열에서 기다립니다. `async` 모드(ASGI 서버처럼)에서는 모든 요청의 지연을 동시에 기다립니다. 서버가 직렬로 처리하면 클라이언트의 동시성은 도움이 되지 않습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>serial: the server lane shows the requests answered one after another and the queued ones waiting, total N × D; async: all answered together, total D.</source>
        <translation>serial: 서버 레인에 요청이 하나씩 차례로 응답되고 대기 중인 요청들이 기다리는 모습이 보이며, 전체 N × D. async: 모두 함께 응답되어 전체 D.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How many clients send a request at once.</source>
        <translation>동시에 요청을 보내는 클라이언트 수.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serial: one request at a time (WSGI); async: all at once (ASGI).</source>
        <translation>serial: 한 번에 요청 하나(WSGI). async: 한꺼번에 모두(ASGI).</translation>
    </message>
    <message>
        <location filename="../core/experiments/tasksconcurrent.cpp" line="-1"/>
        <source>Tasks run concurrently</source>
        <translation>동시에 실행되는 태스크</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start every call as a task, then await them: the waits overlap, D in all.</source>
        <translation>모든 호출을 태스크로 시작한 뒤 await합니다: 대기가 겹쳐 전체 D.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>main() starts call_api(&apos;GOOG&apos;) and call_api(&apos;APPL&apos;) as tasks before awaiting either. A QCoro task starts at once and runs until its first co_await — here the timer — so both timers are armed within microseconds and wait side by side on one event loop. main then awaits task 1 (about D) and task 2 (already done). One thread, no parallelism: the waits overlap because nobody is blocked while a timer runs. (asyncio.create_task schedules the task for the loop&apos;s next turn instead of starting it at once; the picture is the same.)</source>
        <translation>main()은 어느 쪽도 await하기 전에 call_api(&apos;GOOG&apos;)와 call_api(&apos;APPL&apos;)을 태스크로 시작합니다. QCoro 태스크는 즉시 시작되어 첫 co_await — 여기서는 타이머 — 까지 실행되므로, 두 타이머가 몇 마이크로초 안에 설정되어 하나의 이벤트 루프에서 나란히 기다립니다. 그다음 main은 태스크 1(약 D)과 태스크 2(이미 완료)를 await합니다. 스레드는 하나이고 병렬 실행은 없습니다: 타이머가 도는 동안 아무것도 블로킹되지 않으므로 대기가 겹치는 것입니다. (asyncio.create_task는 태스크를 곧바로 시작하지 않고 루프의 다음 차례로 예약하지만, 그림은 같습니다.)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The seed printed &quot;It took 3.0 second(s)&quot; for two 3 s calls instead of 6. The chart shows the task bars on top of each other; total ≈ D whatever the number of tasks, and the event loop lane stays free of stalls.</source>
        <translation>원글은 3 s 호출 두 개에 6 s가 아니라 &quot;It took 3.0 second(s)&quot;를 출력했습니다. 차트에는 태스크 막대들이 겹쳐 있습니다. 태스크 수와 상관없이 전체 ≈ D이고, 이벤트 루프 레인에는 멈춤이 없습니다.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../qml/ExportDialog.qml" line="+18"/>
        <source>Export the comparison</source>
        <translation>비교 내보내기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the chart or the run</source>
        <translation>차트 또는 실행 내보내기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the sweep</source>
        <translation>스윕 내보내기</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>SVG image</source>
        <translation>SVG 이미지</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>PDF document</source>
        <translation>PDF 문서</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>CSV (one row per value)</source>
        <translation>CSV (값마다 한 행)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (the numbers and every value&apos;s run)</source>
        <translation>JSON (수치와 값마다의 실행)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run (JSON, reopens here)</source>
        <translation>실행 (JSON, 여기서 다시 열 수 있음)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chrome trace (Perfetto)</source>
        <translation>Chrome 트레이스 (Perfetto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (one row per span)</source>
        <translation>CSV (구간당 한 행)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Width</source>
        <translation>너비</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>px (empty: as wide as the view)</source>
        <translation>px (비우면 뷰 너비)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>px (empty: as wide as the view, at least 1200)</source>
        <translation>px (비우면 화면 너비, 최소 1200)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scale</source>
        <translation>배율</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2× (HiDPI, slides)</source>
        <translation>2× (HiDPI, 슬라이드)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3×</source>
        <translation>3×</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>as the window (%1)</source>
        <translation>창과 같게 (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>light</source>
        <translation>라이트</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>dark</source>
        <translation>다크</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Include</source>
        <translation>포함</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title and headline</source>
        <translation>제목과 요약 줄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legend</source>
        <translation>범례</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Footer (parameters, versions)</source>
        <translation>바닥글 (파라미터, 버전)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Writes the whole run as data.</source>
        <translation>실행 전체를 데이터로 저장합니다.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Size written: %1.</source>
        <translation>저장 크기: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the sweep&apos;s numbers as data.</source>
        <translation>스윕의 수치를 데이터로 씁니다.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose</source>
        <translation>선택</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message numerus="yes">
        <location filename="../qml/HistoryList.qml" line="+19"/>
        <source>%n saved runs in %1</source>
        <translation>
            <numerusform>%1에 저장된 실행 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unpin</source>
        <translation>고정 해제</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take it out of the compare view</source>
        <translation>비교 보기에서 빼기</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin for comparison</source>
        <translation>비교용으로 고정</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="+14"/>
        <source>Coroscope — %1</source>
        <translation>Coroscope — %1</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>▶ Run</source>
        <translation>▶ 실행</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run the experiment (Ctrl+R)</source>
        <translation>실험 실행 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>■ Stop</source>
        <translation>■ 중지</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop the run; its partial timeline stays (Esc)</source>
        <translation>실행 중지; 그때까지의 타임라인은 남습니다 (Esc)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pin this run for the compare view (Ctrl+P)</source>
        <translation>비교 보기용으로 이 실행 고정 (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the chart as PNG, SVG or PDF, or the run as JSON, Chrome trace or CSV (Ctrl+E)</source>
        <translation>차트를 PNG, SVG, PDF로, 또는 실행을 JSON, Chrome 트레이스, CSV로 내보내기 (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy the chart as an image (Ctrl+C)</source>
        <translation>차트를 이미지로 복사 (Ctrl+C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open…</source>
        <translation>열기…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a saved run or a Chrome trace (Ctrl+O)</source>
        <translation>저장된 실행 또는 Chrome 트레이스 열기 (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trace Python…</source>
        <translation>Python 트레이스…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run a Python asyncio program under Coroscope&apos;s tracer and draw its tasks (Ctrl+T)</source>
        <translation>Coroscope의 트레이서로 Python asyncio 프로그램을 실행하고 태스크를 그리기 (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Compare (%1)</source>
        <translation>비교 (%1)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Sweep</source>
        <translation>스윕</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The current run (Ctrl+1)</source>
        <translation>현재 실행 (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinned runs on one time axis (Ctrl+2)</source>
        <translation>하나의 시간 축에 놓인 고정 실행 (Ctrl+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sweep: every value&apos;s timeline and the curve they make (Ctrl+3)</source>
        <translation>스윕: 값마다의 타임라인과 그 곡선 (Ctrl+3)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Settings (Ctrl+,)</source>
        <translation>설정 (Ctrl+,)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Delay server: %1</source>
        <translation>지연 서버: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>PostgreSQL: %1</source>
        <translation>PostgreSQL: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Running %1 — %2 s</source>
        <translation>%1 실행 중 — %2 s</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open a saved run or a Chrome trace</source>
        <translation>저장된 실행 또는 Chrome 트레이스 열기</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs and traces (*.json)</source>
        <translation>실행 및 트레이스 (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <location filename="../qml/ParamEditor.qml" line="+60"/>
        <source>Reset to defaults</source>
        <translation>기본값으로 재설정</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="+11"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>HTTP target</source>
        <translation>HTTP 대상</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty: the embedded delay server (%1)</source>
        <translation>비우면: 내장 지연 서버 (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL DSN</source>
        <translation>PostgreSQL DSN</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: a private throwaway cluster</source>
        <translation>비우면: 임시 전용 클러스터</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A DSN is a libpq connection string (host=… user=… password=…) or URI. It is stored in the settings and never shown elsewhere: messages name only user@host:port/db.</source>
        <translation>DSN은 libpq 연결 문자열(host=… user=… password=…) 또는 URI입니다. 설정에 저장되며 다른 곳에는 표시되지 않습니다: 메시지에는 user@host:port/db만 나타납니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Now: %1</source>
        <translation>현재: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Default delay (s)</source>
        <translation>기본 지연 (s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>as the system</source>
        <translation>시스템 설정대로</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>light</source>
        <translation>라이트</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dark</source>
        <translation>다크</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../qml/SidePanel.qml" line="+21"/>
        <source>Parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>설명</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why (%1)</source>
        <translation>원인 (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>원인</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log (%1)</source>
        <translation>로그 (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot run here: %1</source>
        <translation>이 환경에서 실행할 수 없음: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your prediction</source>
        <translation>내 예측</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>total in seconds, e.g. 0.6</source>
        <translation>전체 시간(초), 예: 0.6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Before you run: how long will it take? The chart marks your guess and says how far off it was; the history keeps it.</source>
        <translation>실행하기 전에: 얼마나 걸릴까요? 차트에 예측이 표시되고 얼마나 빗나갔는지 알려 줍니다. 기록에도 남습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>s</source>
        <translation>초</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>which tasks run at once, e.g. 1+2, none, all</source>
        <translation>동시에 실행될 태스크, 예: 1+2, none, all</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before you run: which tasks will be in flight at the same time? Tasks by their number as the chart lists them after main (1+2, 1+2+3, 4+5) or by name (task 1+task 2); none; or all. The headline says whether you were right, and why.</source>
        <translation>실행하기 전에: 어떤 태스크가 동시에 진행될까요? 차트에서 main 다음에 나열된 번호(1+2, 1+2+3, 4+5)나 이름(task 1+task 2), none 또는 all로 적으세요. 헤드라인이 맞았는지, 왜 그런지 알려 줍니다.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Quiz: hide what to expect until the run is done</source>
        <translation>퀴즈: 실행이 끝날 때까지 예상 결과 숨기기</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sweep a parameter</source>
        <translation>매개변수 스윕</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vary</source>
        <translation>바꿀 것</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Values</source>
        <translation>값</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. %1</source>
        <translation>예: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A list (1,2,4,8), a range of whole numbers (1..6), with a step (0.1..0.5:0.1) or a factor (1..16:*2); at most 50 values</source>
        <translation>목록(1,2,4,8), 정수 범위(1..6), 간격이 있는 범위(0.1..0.5:0.1) 또는 배수(1..16:*2). 최대 50개 값</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs each</source>
        <translation>값마다 실행</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Several runs per value: the curve shows the median and whiskers to the 95th percentile</source>
        <translation>값마다 여러 번 실행: 곡선은 중앙값과 95번째 백분위수까지의 수염을 보여 줍니다</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run the sweep</source>
        <translation>스윕 실행</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Coroscope (C++ / QCoro) — the code that ran</source>
        <translation>Coroscope (C++ / QCoro) — 실행된 코드</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The seed (Python asyncio) — seed %1</source>
        <translation>원본 (Python asyncio) — 원글 %1</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>▶ Run the seed&apos;s Python</source>
        <translation>▶ 원글의 Python 실행</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trace this Python with the experiment&apos;s parameters and pin it beside the C++ run in Compare</source>
        <translation>이 Python 코드를 실험의 파라미터로 트레이스하고, 비교 보기에서 C++ 실행 옆에 고정</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Run an experiment: this tab says why it took as long as it did.</source>
        <translation>실험을 실행하세요: 이 탭에서 실행이 왜 그만큼 걸렸는지 설명합니다.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What delayed whom (hover a bar to see its arrows):</source>
        <translation>무엇이 무엇을 지연시켰나 (막대에 마우스를 올리면 화살표가 보입니다):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing held the loop while a task was ready to go on.</source>
        <translation>태스크가 진행할 준비가 된 동안 루프를 점유한 것이 없습니다.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <location filename="../qml/SweepView.qml" line="+69"/>
        <source>Stop</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the sweep: the values done stay in the figure (Esc)</source>
        <translation>스윕 멈춤: 끝난 값은 그림에 남습니다 (Esc)</translation>
    </message>
</context>
<context>
    <name>TraceDialog</name>
    <message>
        <location filename="../qml/TraceDialog.qml" line="+14"/>
        <source>Trace a Python program</source>
        <translation>Python 프로그램 트레이스</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Program</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>app.py — an asyncio program</source>
        <translation>app.py — asyncio 프로그램</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arguments</source>
        <translation>인자</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>as in a shell: --n 3 &apos;two words&apos;</source>
        <translation>셸에서처럼: --n 3 &apos;two words&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interpreter</source>
        <translation>인터프리터</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: the program&apos;s folder</source>
        <translation>비우면: 프로그램의 폴더</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The program gets COROSCOPE_HTTP_URL (the delay server) and, when it reads it, COROSCOPE_PG_DSN. Stop ends its whole process group; what it did until then stays on the chart.</source>
        <translation>프로그램에는 COROSCOPE_HTTP_URL(지연 서버)이 주어지고, 프로그램이 읽으면 COROSCOPE_PG_DSN도 주어집니다. 중지하면 프로그램의 프로세스 그룹 전체가 종료되며, 그때까지 프로그램이 한 일은 차트에 남습니다.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>▶ Trace</source>
        <translation>▶ 트레이스</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A Python program to trace</source>
        <translation>트레이스할 Python 프로그램</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python programs (*.py)</source>
        <translation>Python 프로그램 (*.py)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
</context>
</TS>
