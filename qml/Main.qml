// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Coroscope

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    visible: true
    minimumWidth: 900
    minimumHeight: 560
    title: qsTr("Coroscope — %1").arg(app.experimentTitle)

    readonly property bool dark: app.theme === "dark" || (app.theme === "system" && app.systemIsDark())
    readonly property string chartTheme: dark ? "dark" : "light"
    readonly property bool comparing: viewTabs.currentIndex === 1
    readonly property bool sweepShown: viewTabs.currentIndex === 2

    palette.window: dark ? "#161b22" : "#f6f8fa"
    palette.windowText: dark ? "#e6edf3" : "#1f2328"
    // Dark fields a step lighter than the window: Fusion's dark outline alone left them invisible.
    palette.base: dark ? "#262c36" : "#ffffff"
    palette.alternateBase: dark ? "#2d333b" : "#f6f8fa"
    palette.text: dark ? "#e6edf3" : "#1f2328"
    palette.button: dark ? "#21262d" : "#f3f4f6"
    palette.buttonText: dark ? "#e6edf3" : "#1f2328"
    palette.highlight: dark ? "#1f6feb" : "#0969da"
    palette.highlightedText: "#ffffff"
    palette.mid: dark ? "#30363d" : "#d0d7de"
    palette.placeholderText: dark ? "#8b949e" : "#6e7781"
    palette.toolTipBase: dark ? "#2d333b" : "#ffffff"
    palette.toolTipText: dark ? "#e6edf3" : "#1f2328"

    AppController {
        id: app
        objectName: "controller"
    }
    // Exports and the clipboard take the replay's frame when one is shown.
    Binding {
        target: app.exporter
        property: "replaySeconds"
        value: chartView.gantt.replaySeconds
    }

    Component.onCompleted: {
        const g = app.windowGeometry()
        width = Math.max(minimumWidth, g.width)
        height = Math.max(minimumHeight, g.height)
        if (g.x > 0 || g.y > 0) {
            x = g.x
            y = g.y
        }
        experimentList.focusList()
    }
    onClosing: app.saveWindowGeometry(Qt.rect(x, y, width, height))

    function runSelected() {
        viewTabs.currentIndex = 0
        app.run()
    }
    function exportChart() {
        // What the dialog exports is fixed when it opens: a sweep ending behind it switches the
        // tab, not what Save writes.
        exportDialog.comparison = window.comparing
        exportDialog.sweep = window.sweepShown
        exportDialog.open()
    }

    Shortcut { sequence: "Ctrl+R"; onActivated: window.runSelected() }
    Shortcut { sequence: "Ctrl+Q"; context: Qt.ApplicationShortcut; onActivated: window.close() } // StandardKey.Quit is Ctrl+Q too: both would be ambiguous
    // Esc stops a run; otherwise it ends a range selection on the chart.
    Shortcut {
        sequence: "Esc"
        enabled: app.running || chartView.gantt.hasSelection
        onActivated: app.running ? app.stop() : chartView.gantt.clearSelection()
    }
    // The chart's keys, as in Perfetto: W/S or +/− zoom, A/D pan, 0 fits, Z zooms to the selection.
    // (Text fields take their own keys first: typing "a" in a field does not pan.)
    Shortcut { sequences: ["W", "+", "="]; enabled: !window.comparing; onActivated: chartView.gantt.zoomBy(1.5) }
    Shortcut { sequences: ["S", "-"]; enabled: !window.comparing; onActivated: chartView.gantt.zoomBy(1 / 1.5) }
    Shortcut { sequence: "A"; enabled: !window.comparing; onActivated: chartView.gantt.panBy(-0.2) }
    Shortcut { sequence: "D"; enabled: !window.comparing; onActivated: chartView.gantt.panBy(0.2) }
    Shortcut { sequence: "0"; enabled: !window.comparing; onActivated: chartView.gantt.resetView() }
    Shortcut { sequence: "Z"; enabled: !window.comparing; onActivated: chartView.gantt.zoomToSelection() }
    Shortcut { sequence: "Ctrl+P"; onActivated: app.pin() }
    Shortcut { sequence: "Ctrl+E"; onActivated: window.exportChart() }
    Shortcut { sequences: [StandardKey.Copy]; onActivated: app.copyChart(chartView.chartWidth, chartView.chartHeight) }
    Shortcut { sequences: [StandardKey.Open]; onActivated: openDialog.open() }
    Shortcut { sequence: "Ctrl+F"; onActivated: experimentList.focusSearch() }
    Shortcut { sequence: "Ctrl+T"; enabled: !app.running && app.opening === ""; onActivated: traceDialog.open() }
    Shortcut { sequence: "Ctrl+,"; onActivated: settingsDialog.open() }
    Shortcut { sequence: "Ctrl+1"; onActivated: viewTabs.currentIndex = 0 }
    Shortcut { sequence: "Ctrl+2"; onActivated: viewTabs.currentIndex = 1 }
    Shortcut { sequence: "Ctrl+3"; enabled: app.sweep.hasResult; onActivated: viewTabs.currentIndex = 2 }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: 2
            ToolButton {
                objectName: "runButton"
                text: qsTr("▶ Run")
                enabled: !app.running && app.opening === "" && app.params.valid && app.unavailableReason === ""
                onClicked: window.runSelected()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Run the experiment (Ctrl+R)")
            }
            ToolButton {
                objectName: "stopButton"
                text: qsTr("■ Stop")
                enabled: app.running
                onClicked: app.stop()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Stop the run; its partial timeline stays (Esc)")
            }
            ToolSeparator {}
            ToolButton {
                text: qsTr("Pin")
                enabled: !app.running && app.opening === "" && !app.current.empty
                onClicked: app.pin()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Pin this run for the compare view (Ctrl+P)")
            }
            ToolButton {
                text: qsTr("Export…")
                enabled: (!app.current.empty && app.opening === "") || window.comparing || window.sweepShown
                onClicked: window.exportChart()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Export the chart as PNG, SVG or PDF, or the run as JSON, Chrome trace or CSV (Ctrl+E)")
            }
            ToolButton {
                text: qsTr("Copy")
                enabled: !app.current.empty && app.opening === ""
                onClicked: app.copyChart(chartView.chartWidth, chartView.chartHeight)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Copy the chart as an image (Ctrl+C)")
            }
            ToolButton {
                text: qsTr("Open…")
                onClicked: openDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Open a saved run or a Chrome trace (Ctrl+O)")
            }
            ToolButton {
                objectName: "traceButton"
                text: qsTr("Trace Python…")
                enabled: !app.running && app.opening === ""
                onClicked: traceDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Run a Python asyncio program under Coroscope's tracer and draw its tasks (Ctrl+T)")
            }
            ToolSeparator {}
            // Timeline / Compare: a segmented switch whose current side is filled.
            Row {
                id: viewTabs
                objectName: "viewTabs"
                property int currentIndex: 0
                spacing: 0
                Repeater {
                    model: app.sweep.hasResult ? [qsTr("Timeline"), qsTr("Compare (%1)").arg(app.pins.count), qsTr("Sweep")]
                                               : [qsTr("Timeline"), qsTr("Compare (%1)").arg(app.pins.count)]
                    delegate: Button {
                        required property int index
                        required property string modelData
                        text: modelData
                        flat: viewTabs.currentIndex !== index
                        highlighted: viewTabs.currentIndex === index
                        onClicked: viewTabs.currentIndex = index
                        ToolTip.visible: hovered
                        ToolTip.text: index === 0 ? qsTr("The current run (Ctrl+1)")
                                    : index === 1 ? qsTr("Pinned runs on one time axis (Ctrl+2)")
                                                  : qsTr("The sweep: every value's timeline and the curve they make (Ctrl+3)")
                    }
                }
            }
            Item { Layout.fillWidth: true }
            Label {
                text: app.running ? app.current.summary : ""
                color: palette.placeholderText
            }
            ToolButton {
                text: "⚙"
                font.pixelSize: 18
                onClicked: settingsDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Settings (Ctrl+,)")
            }
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        ExperimentList {
            id: experimentList
            // Shares follow the window (1024 px up): the chart keeps at least 400 px.
            SplitView.preferredWidth: Math.min(420, Math.max(190, window.width * 0.19))
            SplitView.minimumWidth: 170
            controller: app
            onActivated: window.runSelected()
        }

        StackLayout {
            SplitView.fillWidth: true
            SplitView.minimumWidth: 400
            currentIndex: viewTabs.currentIndex
            ChartView {
                id: chartView
                objectName: "chartView"
                run: app.current
                theme: window.chartTheme
                options: app.chartOptions
                selectedExperiment: app.experimentId
                controller: app
                keysEnabled: viewTabs.currentIndex === 0 // not while Compare or Sweep is shown
            }
            CompareView {
                id: compareView
                controller: app
                theme: window.chartTheme
            }
            SweepView {
                id: sweepView
                controller: app
                theme: window.chartTheme
            }
        }

        SidePanel {
            // Wide enough for its six tabs at 1024 px; the chart keeps at least 400 px.
            SplitView.preferredWidth: Math.min(560, Math.max(370, window.width * 0.32))
            SplitView.minimumWidth: 300
            controller: app
        }
    }

    footer: Pane {
        padding: 4
        leftPadding: 10
        rightPadding: 10
        RowLayout {
            anchors.fill: parent
            spacing: 16
            Label {
                objectName: "serverStatus"
                text: qsTr("Delay server: %1").arg(app.status.serverAddress)
                color: palette.placeholderText
                elide: Text.ElideRight
                Layout.maximumWidth: window.width * 0.25
                HoverHandler { id: serverHover }
                ToolTip.visible: serverHover.hovered && truncated
                ToolTip.text: text
            }
            Label {
                objectName: "postgresStatus"
                text: qsTr("PostgreSQL: %1").arg(app.status.postgresText)
                color: app.status.postgresState === "unavailable" || app.status.postgresState === "unreachable"
                       ? "#cf222e" : palette.placeholderText
                elide: Text.ElideRight
                Layout.maximumWidth: window.width * 0.32
                HoverHandler { id: pgHover }
                ToolTip.visible: pgHover.hovered && truncated
                ToolTip.text: text
            }
            Label {
                objectName: "statusMessage"
                Layout.fillWidth: true
                // While a run goes, how long it has run (the live clock), else the last error or result.
                text: app.running ? qsTr("Running %1 — %2 s").arg(app.current.experimentId === "python" ? app.current.title : app.current.experimentId).arg(app.current.wallSeconds.toFixed(1))
                      : app.message !== "" ? app.message : app.lastSummary
                // (Red for what went wrong; "Opening big.json…" is not an error.)
                color: app.message !== "" && !app.running && app.opening === "" ? "#cf222e" : palette.windowText
                elide: Text.ElideRight
                HoverHandler { id: messageHover }
                ToolTip.visible: messageHover.hovered && truncated
                ToolTip.text: text
            }
        }
    }

    ExportDialog {
        id: exportDialog
        controller: app
        viewWidth: comparison ? compareView.chartWidth : sweep ? sweepView.chartWidth : chartView.chartWidth
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open a saved run or a Chrome trace")
        fileMode: FileDialog.OpenFile
        currentFolder: app.historyFolderUrl()
        nameFilters: [qsTr("Runs and traces (*.json)"), qsTr("All files (*)")]
        onAccepted: {
            if (app.openFile(selectedFile))
                viewTabs.currentIndex = 0
        }
    }

    SettingsDialog {
        id: settingsDialog
        controller: app
    }

    TraceDialog {
        id: traceDialog
        controller: app
        onTraced: viewTabs.currentIndex = 0
    }

    Connections {
        target: app
        function onCompareRequested() { viewTabs.currentIndex = 1 }
        function onSweepFinished() { viewTabs.currentIndex = 2 }
    }
}
