// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The current run's chart: fills the view (scrolls when the lanes need more height), with the
// hover tooltip and the selected range's statistics.
Item {
    id: root
    property RunHandle run
    property string theme: "light"
    property ChartOptions options // what the chart explains beside the bars (remembered)
    property string selectedExperiment: "" // the list's selection: the chart may show another's run
    property var controller: null // AppController: notes on the run (right-click)
    readonly property real chartWidth: gantt.width
    readonly property real chartHeight: gantt.height
    property alias gantt: gantt
    readonly property bool hasRun: run !== null && !run.empty
    property bool keysEnabled: true // the replay's keys (off while another view is shown)
    property alias replayState: replay

    Rectangle { // the chart's own background below it too: one canvas
        anchors.fill: parent
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
    }
    // A click on that canvas below the chart gives the chart the keys too (Space, ←/→, W/S).
    TapHandler {
        onTapped: if (root.hasRun) gantt.forceActiveFocus(Qt.MouseFocusReason)
    }

    Flickable {
        id: scroll
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: staleBanner.visible ? staleBanner.bottom : parent.top
        anchors.topMargin: staleBanner.visible ? 2 : 0
        anchors.bottom: controlsBar.visible ? controlsBar.top : replayBar.visible ? replayBar.top : parent.bottom
        contentWidth: width
        contentHeight: gantt.height
        clip: true
        interactive: false // the chart pans and zooms itself; the wheel over it zooms
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: scroll.contentHeight > scroll.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
        GanttItem {
            id: gantt
            objectName: "gantt"
            width: scroll.width
            height: preferredHeight // its natural height: the axis right below the rows, as in the exports
            run: root.run
            theme: root.theme
            blame: root.options ? root.options.blame : true
            states: root.options ? root.options.states : true
            ideal: root.options ? root.options.ideal : true
            replaySeconds: replay.playhead
            scrollable: scroll.contentHeight > scroll.height + 1
            onWheelScroll: pixels => scroll.contentY = Math.max(0, Math.min(scroll.contentHeight - scroll.height, scroll.contentY - pixels))
            // Right-click: a note here, on the selected range, or the note under the pointer.
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: eventPoint => root.openNoteMenu(eventPoint.position.x)
            }
        }
    }

    // Replay: the finished run as it was at the playhead, as `render --until` exports it. The
    // playhead at the end (-1) is the whole run.
    QtObject {
        id: replay
        objectName: "replay"
        property real playhead: -1
        property bool playing: false
        property real speed: 1
        property real lastTick: 0
        readonly property real end: root.hasRun ? root.run.wallSeconds : 0
        readonly property real position: playhead < 0 ? end : playhead
        function seek(t) {
            playhead = t >= end - 1e-9 ? -1 : Math.max(0, t)
        }
        function toggle() {
            if (!gantt.replayable)
                return
            if (playing) {
                playing = false
                return
            }
            if (playhead < 0)
                playhead = 0 // from the start
            lastTick = Date.now()
            playing = true
        }
        function step(forward) {
            if (!gantt.replayable)
                return
            playing = false
            seek(forward ? gantt.nextEventSeconds(position) : gantt.previousEventSeconds(position))
        }
        function rewind() {
            playing = false
            playhead = gantt.replayable ? 0 : -1
        }
    }
    Connections {
        target: root.run
        function onChanged() {
            if (!gantt.replayable) {
                replay.playing = false
                replay.playhead = -1
            }
        }
    }
    onRunChanged: { replay.playing = false; replay.playhead = -1 }
    // Another run (or a live one) ended the chart's replay: the scrubber goes back to the end.
    Connections {
        target: gantt
        function onReplayChanged() {
            if (gantt.replaySeconds < 0 && replay.playhead >= 0) {
                replay.playing = false
                replay.playhead = -1
            }
        }
    }
    // One frame per tick, however long a frame takes: the playhead follows the clock.
    Timer {
        interval: 16
        repeat: true
        running: replay.playing
        onTriggered: {
            const now = Date.now()
            const t = replay.position + (now - replay.lastTick) / 1000 * replay.speed
            replay.lastTick = now
            replay.seek(t)
            if (replay.playhead < 0)
                replay.playing = false
        }
    }
    // Space plays and pauses, ←/→ step from event to event, Home/End: while the keyboard is on
    // the chart or its replay bar (a click on the chart gives it the keys). The bar's own
    // controls keep theirs (Space presses a focused button, ←/→ move the slider), and so do the
    // side panel's buttons and lists: these are not window-wide shortcuts.
    Keys.onPressed: event => {
        if (!root.keysEnabled || !gantt.replayable || (event.modifiers & ~Qt.KeypadModifier) !== Qt.NoModifier)
            return
        switch (event.key) {
        case Qt.Key_Space: replay.toggle(); break
        case Qt.Key_Left: replay.step(false); break
        case Qt.Key_Right: replay.step(true); break
        case Qt.Key_Home: replay.rewind(); break
        case Qt.Key_End: replay.playing = false; replay.playhead = -1; break
        default: return
        }
        event.accepted = true
    }

    Rectangle {
        id: replayBar
        objectName: "replayBar"
        visible: gantt.replayable
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: replayRow.implicitHeight + 10
        color: root.theme === "dark" ? "#1c2128" : "#f6f8fa"
        Rectangle { width: parent.width; height: 1; color: palette.mid }
        RowLayout {
            id: replayRow
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            anchors.topMargin: 5
            anchors.bottomMargin: 5
            spacing: 4
            ToolButton {
                objectName: "replayRewind"
                text: "⇤"
                onClicked: replay.rewind()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Back to the start (Home)")
            }
            ToolButton {
                objectName: "replayPlay"
                text: replay.playing ? "❚❚" : "▶"
                onClicked: replay.toggle()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: replay.playing ? qsTr("Pause the replay (Space)") : qsTr("Replay the run: the chart as it was at each instant (Space)")
            }
            ToolButton {
                objectName: "replayStep"
                text: "⇥"
                onClicked: replay.step(true)
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("To the next event: a step begins, becomes ready or ends (→; ← goes back)")
            }
            Slider {
                id: replaySlider
                objectName: "replaySlider"
                Layout.fillWidth: true
                Layout.minimumWidth: 80
                from: 0
                to: Math.max(replay.end, 1e-6)
                value: replay.position
                // Dragging redraws as it goes: a huge run's frames are made on a worker, the
                // newest instant asked for next, so the handle never waits for them.
                onMoved: { replay.playing = false; replay.seek(value) }
                ToolTip.visible: hovered || pressed
                ToolTip.delay: pressed ? 0 : 600
                ToolTip.text: qsTr("Drag to any instant; at the end the whole run is shown")
            }
            Label {
                objectName: "replayTime"
                // In ms for a run under 0.1 s (a 558 µs run read "0.001 s").
                readonly property bool inMs: replay.end < 0.1
                function shown(t) { return inMs ? (t * 1000).toFixed(replay.end < 0.01 ? 3 : 1) : t.toFixed(3) }
                text: replay.playhead < 0 ? (inMs ? qsTr("%1 ms") : qsTr("%1 s")).arg(shown(replay.end))
                                          : (inMs ? qsTr("%1 / %2 ms") : qsTr("%1 / %2 s")).arg(shown(replay.position)).arg(shown(replay.end))
                font.family: "DejaVu Sans Mono"
                font.pixelSize: 11
                color: palette.placeholderText
            }
            ComboBox {
                id: speedBox
                objectName: "replaySpeed"
                Layout.preferredWidth: 76
                model: ["0.1×", "0.25×", "0.5×", "1×", "2×", "5×", "10×"]
                readonly property var speeds: [0.1, 0.25, 0.5, 1, 2, 5, 10]
                currentIndex: 3
                onActivated: replay.speed = speeds[currentIndex]
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Replay speed: 0.1× shows a 0.3 s run over 3 s")
            }
        }
    }

    function openNoteMenu(x) {
        if (!root.controller || !root.hasRun || root.run.live)
            return
        noteMenu.at = gantt.secondsAt(x)
        const near = root.controller.notesNear(noteMenu.at, (gantt.viewEndSeconds - gantt.viewStartSeconds) / 80)
        noteMenu.near = near.length > 0 ? near[0] : null
        noteMenu.popup()
    }
    Menu {
        id: noteMenu
        objectName: "noteMenu"
        width: 340
        property real at: 0
        property var near: null
        MenuItem {
            text: qsTr("Add a note at %1 s…").arg(noteMenu.at.toFixed(3))
            onTriggered: noteDialog.openFor(-1, noteMenu.at, noteMenu.at, "")
        }
        MenuItem {
            enabled: gantt.hasSelection
            text: gantt.hasSelection ? qsTr("Add a note on %1–%2 s…").arg(gantt.selectionStartSeconds.toFixed(3)).arg(gantt.selectionEndSeconds.toFixed(3))
                                     : qsTr("Add a note on a range (drag along the axis first)")
            onTriggered: noteDialog.openFor(-1, gantt.selectionStartSeconds, gantt.selectionEndSeconds, "")
        }
        MenuSeparator { visible: noteMenu.near !== null }
        MenuItem {
            visible: noteMenu.near !== null
            height: visible ? implicitHeight : 0
            text: noteMenu.near ? qsTr("Edit “%1”…").arg(noteMenu.near.text.length > 40 ? noteMenu.near.text.slice(0, 39) + "…" : noteMenu.near.text) : ""
            onTriggered: noteDialog.openFor(noteMenu.near.index, noteMenu.near.from, noteMenu.near.to, noteMenu.near.text)
        }
        MenuItem {
            visible: noteMenu.near !== null
            height: visible ? implicitHeight : 0
            text: qsTr("Delete this note")
            onTriggered: root.controller.deleteNote(noteMenu.near.index)
        }
    }
    Dialog {
        id: noteDialog
        objectName: "noteDialog"
        property int index: -1
        property real from: 0
        property real to: 0
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: index >= 0 ? qsTr("Edit the note")
             : to > from ? qsTr("A note on %1–%2 s").arg(from.toFixed(3)).arg(to.toFixed(3))
                         : qsTr("A note at %1 s").arg(from.toFixed(3))
        standardButtons: Dialog.Ok | Dialog.Cancel
        function openFor(i, f, t, text) {
            index = i; from = f; to = t
            noteField.text = text
            noteError.text = ""
            open()
            noteField.forceActiveFocus()
        }
        ColumnLayout {
            spacing: 6
            TextField {
                id: noteField
                objectName: "noteField"
                Layout.preferredWidth: 420
                maximumLength: 300
                placeholderText: qsTr("what happens here, e.g. the loop is blocked")
                onAccepted: noteDialog.accept()
            }
            Label {
                id: noteError
                Layout.preferredWidth: 420
                visible: text !== ""
                color: "#cf222e"
                wrapMode: Text.WordWrap
            }
            Label {
                Layout.preferredWidth: 420
                text: qsTr("Drawn on the chart and in every export; kept with the run.")
                color: palette.placeholderText
                wrapMode: Text.WordWrap
            }
        }
        onAccepted: {
            const ok = index < 0 ? root.controller.addNote(from, to, noteField.text)
                                 : root.controller.editNote(index, noteField.text)
            if (!ok) {
                noteError.text = root.controller.message
                open()
            }
        }
    }

    // The chart is of another experiment than the one selected: say so rather than leave the
    // old run beside the new parameters as if it were theirs.
    // A strip above the chart (an inline message), not over its title.
    Rectangle {
        id: staleBanner
        objectName: "staleBanner"
        visible: root.run && !root.run.empty && !root.run.live && root.selectedExperiment !== ""
                 && root.run.experimentId !== "" && root.run.experimentId !== root.selectedExperiment
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: 6
        height: staleText.implicitHeight + 10
        radius: 4
        color: palette.toolTipBase
        border.color: palette.mid
        Label {
            id: staleText
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: 10
            anchors.rightMargin: 10
            text: qsTr("This chart is a run of %1 — press Run (Ctrl+R) for %2").arg(root.run ? root.run.experimentId : "").arg(root.selectedExperiment)
            color: palette.toolTipText
            wrapMode: Text.Wrap
            font.pixelSize: 12
        }
    }

    // While zoomed: the whole run as a strip, the part shown as a window that can be dragged —
    // in the bar under the chart, left of its controls (over the chart it hid the footer).
    Rectangle {
        id: overview
        objectName: "overview"
        visible: gantt.zoomed && gantt.runEndSeconds > 0
        z: 2 // above the bar
        anchors.left: controlsBar.left
        anchors.right: controls.left
        anchors.verticalCenter: controlsBar.verticalCenter
        anchors.leftMargin: 10
        anchors.rightMargin: 14
        height: 14
        radius: 3
        color: root.theme === "dark" ? "#262d36" : "#eaeef2"
        Rectangle {
            id: viewWindow
            readonly property real pxPerSecond: overview.width / Math.max(1e-9, gantt.runEndSeconds)
            x: Math.max(0, gantt.viewStartSeconds * pxPerSecond)
            width: Math.max(6, Math.min(overview.width, gantt.viewEndSeconds * pxPerSecond) - x)
            height: parent.height
            radius: 3
            color: root.theme === "dark" ? "#1f6feb" : "#0969da"
            opacity: 0.55
        }
        MouseArea {
            anchors.fill: parent
            cursorShape: Qt.SizeHorCursor
            function moveTo(mx) {
                const span = gantt.viewEndSeconds - gantt.viewStartSeconds
                const centre = mx / overview.width * gantt.runEndSeconds
                gantt.showRange(centre - span / 2, centre + span / 2)
            }
            onPressed: mouse => moveTo(mouse.x)
            onPositionChanged: mouse => { if (pressed) moveTo(mouse.x) }
        }
        ToolTip.visible: overviewHover.hovered
        ToolTip.text: qsTr("The whole run; the highlighted box is the part shown (drag it). Keys: W/S zoom, A/D pan, 0 fits.")
        ToolTip.delay: 600
        HoverHandler { id: overviewHover }
    }

    // The tooltip is as wide as its widest line (measured unwrapped), at most 560 px: longer
    // lines (who delayed whom) wrap.
    Text {
        id: hoverMeasure
        visible: false
        text: gantt.hoverText
        font: hoverTip.font
        textFormat: Text.PlainText
    }
    ToolTip {
        id: hoverTip
        parent: gantt
        visible: gantt.hoverText !== ""
        text: gantt.hoverText
        width: Math.min(hoverMeasure.implicitWidth + leftPadding + rightPadding + 2, 560)
        x: Math.min(gantt.hoverPos.x + 14, gantt.width - width - 4)
        // Below the pointer, or above it where the view ends: never under it (it would take the
        // wheel's next notch).
        y: gantt.hoverPos.y + 18 + height <= scroll.contentY + scroll.height
           || gantt.hoverPos.y - scroll.contentY < scroll.contentY + scroll.height - gantt.hoverPos.y
           ? gantt.hoverPos.y + 18 : gantt.hoverPos.y - height - 8
        delay: 0
        timeout: -1
    }

    // The selected range's figures: just below the chart, not at the bottom of a tall window.
    Label {
        objectName: "selectionLabel"
        visible: gantt.selectionText !== ""
        text: gantt.selectionText
        x: 10
        y: scroll.y + Math.min(gantt.height - scroll.contentY + 4, scroll.height - height - 6)
        width: Math.min(implicitWidth, root.width - 20)
        wrapMode: Text.WordWrap
        padding: 6
        background: Rectangle { color: palette.toolTipBase; border.color: palette.mid; radius: 4 }
    }

    // A bar of the chart's background under it (not floating over it: over a tall chart at
    // 1024×700 they hid bars and the footer).
    Rectangle {
        id: controlsBar
        objectName: "controlsBar"
        visible: root.hasRun || gantt.zoomed || gantt.hasSelection
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: replayBar.visible ? replayBar.top : parent.bottom
        height: controls.implicitHeight + 8
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
        Rectangle { // a hairline above: the chart ends here
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: 1
            color: root.theme === "dark" ? "#30363d" : "#d0d7de"
            visible: scroll.contentHeight > scroll.height + 1
        }
    }

    RowLayout {
        id: controls
        anchors.right: controlsBar.right
        anchors.verticalCenter: controlsBar.verticalCenter
        anchors.rightMargin: 10
        visible: controlsBar.visible
        spacing: 6
        // What the chart explains beside the bars; exports from the app follow the same choice.
        Repeater {
            // Rebuilt only when a run appears or goes (not with each live frame: clicks would be lost).
            model: root.options && root.hasRun ? [
                { key: "blame", label: qsTr("Arrows"), tip: qsTr("Blame arrows from what held the loop to the steps it delayed (+delay), and on hover the wake-up arrow from what made a step ready") },
                { key: "states", label: qsTr("States"), tip: qsTr("The thin strip under each task: running · suspended · ready but waiting for the loop · holding the thread") },
                { key: "ideal", label: qsTr("Ideal"), tip: qsTr("Dashed outlines where each step would be with zero overhead, each task's overhead, and the time if every blocking step were async") }
            ] : []
            delegate: CheckBox {
                required property var modelData
                objectName: "toggle_" + modelData.key
                text: modelData.label
                checked: root.options[modelData.key]
                onToggled: root.options[modelData.key] = checked
                ToolTip.visible: hovered
                ToolTip.text: modelData.tip
                ToolTip.delay: 500
            }
        }
        Button {
            visible: gantt.hasSelection
            text: qsTr("Zoom to range")
            onClicked: gantt.zoomToSelection()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Show just the selected range (Z); Esc or a click on the chart ends the selection")
            ToolTip.delay: 500
        }
        Button {
            visible: gantt.zoomed || gantt.hasSelection
            text: qsTr("Fit")
            onClicked: { gantt.resetView(); gantt.clearSelection() }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Show the whole run again (0, or double-click the chart)")
            ToolTip.delay: 500
        }
    }
}
