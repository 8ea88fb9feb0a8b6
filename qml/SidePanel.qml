// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// Parameters, the experiment's code beside the seed's Python, its explanation, the log, and the history.
Pane {
    id: root
    property AppController controller
    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TabBar {
            id: tabs
            objectName: "sideTabs"
            Layout.fillWidth: true
            // Tabs as wide as their names (they scroll sideways if the panel is dragged narrow).
            TabButton { text: qsTr("Parameters"); width: implicitWidth; leftPadding: 9; rightPadding: 9 }
            TabButton { text: qsTr("Code"); width: implicitWidth; leftPadding: 9; rightPadding: 9 }
            TabButton { text: qsTr("About"); width: implicitWidth; leftPadding: 9; rightPadding: 9 }
            TabButton {
                text: root.controller.current.blame.length > 0 ? qsTr("Why (%1)").arg(root.controller.current.blame.length) : qsTr("Why")
                width: implicitWidth; leftPadding: 9; rightPadding: 9
            }
            TabButton {
                text: root.controller.log.length > 0 ? qsTr("Log (%1)").arg(root.controller.log.length) : qsTr("Log")
                width: implicitWidth; leftPadding: 9; rightPadding: 9
            }
            TabButton { text: qsTr("History"); width: implicitWidth; leftPadding: 9; rightPadding: 9 }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            ScrollView {
                id: paramScroll
                contentWidth: availableWidth
                ColumnLayout {
                    width: paramScroll.availableWidth - 24
                    x: 12
                    spacing: 8
                    Label {
                        Layout.topMargin: 12
                        Layout.fillWidth: true
                        text: root.controller.experimentTitle
                        font.pixelSize: 16
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: root.controller.experimentSummary
                        wrapMode: Text.WordWrap
                        color: palette.placeholderText
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: root.controller.unavailableReason !== ""
                        text: qsTr("Cannot run here: %1").arg(root.controller.unavailableReason)
                        wrapMode: Text.WordWrap
                        color: "#cf222e"
                    }
                    ParamEditor {
                        Layout.fillWidth: true
                        Layout.topMargin: 8
                        controller: root.controller
                    }
                    // Predict, then run: the guess is drawn on the chart against the measurement.
                    Label {
                        Layout.topMargin: 8
                        text: qsTr("Your prediction")
                        font.bold: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: predictionField
                            objectName: "predictionField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("total in seconds, e.g. 0.6")
                            text: root.controller.prediction
                            onTextEdited: root.controller.prediction = text
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            ToolTip.visible: hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("Before you run: how long will it take? The chart marks your guess and says how far off it was; the history keeps it.")
                        }
                        Label {
                            text: qsTr("s")
                            color: palette.placeholderText
                        }
                    }
                    TextField {
                        objectName: "overlapPredictionField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("which tasks run at once, e.g. 1+2, none, all")
                        text: root.controller.overlapPrediction
                        onTextEdited: root.controller.overlapPrediction = text
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: qsTr("Before you run: which tasks will be in flight at the same time? Tasks by their number as the chart lists them after main (1+2, 1+2+3, 4+5) or by name (task 1+task 2); none; or all. The headline says whether you were right, and why.")
                    }
                    Label {
                        objectName: "predictionError"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: root.controller.predictionError
                        wrapMode: Text.WordWrap
                        color: "#cf222e"
                    }
                    CheckBox {
                        objectName: "quizBox"
                        Layout.fillWidth: true
                        text: qsTr("Quiz: hide what to expect until the run is done")
                        checked: root.controller.quiz
                        onToggled: root.controller.quiz = checked
                    }

                    // Sweep: the experiment once per value of one parameter, all on one figure.
                    Label {
                        Layout.topMargin: 12
                        text: qsTr("Sweep a parameter")
                        font.bold: true
                        visible: sweepParam.count > 0
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        visible: sweepParam.count > 0
                        columns: 2
                        columnSpacing: 8
                        rowSpacing: 6
                        Label { text: qsTr("Vary") }
                        ComboBox {
                            id: sweepParam
                            objectName: "sweepParam"
                            Layout.fillWidth: true
                            model: root.controller.sweep.parameters
                            textRole: "label"
                            valueRole: "key"
                            readonly property var current: currentIndex >= 0 && currentIndex < count ? model[currentIndex] : null
                            // The choice stays when the list is rebuilt (the language switched, or
                            // another experiment has the same parameter).
                            property string chosenKey: ""
                            onActivated: chosenKey = currentValue
                            onModelChanged: Qt.callLater(() => {
                                const i = indexOfValue(chosenKey)
                                currentIndex = i >= 0 ? i : (count > 0 ? 0 : -1)
                            })
                        }
                        Label { text: qsTr("Values") }
                        TextField {
                            id: sweepValues
                            objectName: "sweepValues"
                            Layout.fillWidth: true
                            placeholderText: sweepParam.current ? qsTr("e.g. %1").arg(sweepParam.current.example) : ""
                            onAccepted: sweepButton.clicked()
                            ToolTip.visible: hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("A list (1,2,4,8), a range of whole numbers (1..6), with a step (0.1..0.5:0.1) or a factor (1..16:*2); at most 50 values")
                        }
                        Label { text: qsTr("Runs each") }
                        SpinBox {
                            id: sweepRepeat
                            objectName: "sweepRepeat"
                            from: 1
                            to: 20
                            value: 1
                            editable: true
                            ToolTip.visible: hovered
                            ToolTip.delay: 600
                            ToolTip.text: qsTr("Several runs per value: the curve shows the median and whiskers to the 95th percentile")
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: sweepParam.count > 0
                        Button {
                            id: sweepButton
                            objectName: "sweepButton"
                            text: qsTr("Run the sweep")
                            enabled: !root.controller.running && sweepParam.current !== null
                            onClicked: sweepError.text = root.controller.runSweep(sweepParam.current.key, sweepValues.text, sweepRepeat.value)
                                       ? "" : root.controller.message
                        }
                        ProgressBar {
                            Layout.fillWidth: true
                            visible: root.controller.sweep.active
                            value: root.controller.sweep.progress
                        }
                    }
                    Label {
                        id: sweepError
                        objectName: "sweepError"
                        Layout.fillWidth: true
                        visible: text !== ""
                        wrapMode: Text.WordWrap
                        color: "#cf222e"
                    }
                    Label {
                        objectName: "sweepStatus"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: root.controller.sweep.status
                        wrapMode: Text.WordWrap
                        color: palette.placeholderText
                    }
                    Item { implicitHeight: 12 }
                }
            }

            ScrollView {
                id: codeScroll
                objectName: "codeScroll"
                // Code keeps its lines: it scrolls sideways rather than wrapping.
                readonly property real codeWidth: Math.max(cppCode.implicitWidth, pyCode.implicitWidth)
                contentWidth: codeWidth + 24
                contentHeight: codeColumn.height + 24
                Column {
                    id: codeColumn
                    x: 12
                    y: 12
                    spacing: 6
                    Button {
                        objectName: "runSeedPython"
                        visible: root.controller.seedRunnable
                        enabled: !root.controller.running
                        text: qsTr("▶ Run the seed's Python")
                        onClicked: root.controller.runSeedPython()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Trace this Python with the experiment's parameters and pin it beside the C++ run in Compare")
                    }
                    Label {
                        width: codeScroll.width - 36
                        text: qsTr("Coroscope (C++ / QCoro) — the code that ran")
                        font.bold: true
                    }
                    TextEdit {
                        id: cppCode
                        readOnly: true
                        selectByMouse: true
                        textFormat: TextEdit.RichText
                        font.pixelSize: 12
                        text: root.controller.experimentSource
                    }
                    Item { width: 1; height: 8 }
                    Label {
                        width: codeScroll.width - 36
                        text: qsTr("The seed (Python asyncio) — seed %1").arg(root.controller.experimentSeed)
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    TextEdit {
                        id: pyCode
                        readOnly: true
                        selectByMouse: true
                        textFormat: TextEdit.RichText
                        font.pixelSize: 12
                        color: palette.text
                        text: root.controller.seedExcerpt
                    }
                }
            }

            ScrollView {
                id: aboutScroll
                contentWidth: availableWidth
                Label {
                    width: aboutScroll.availableWidth - 24
                    x: 12
                    topPadding: 4
                    wrapMode: Text.WordWrap
                    textFormat: Text.RichText
                    text: root.controller.experimentAbout
                }
            }

            // Why the run took as long as it did: the ideal schedule, then what delayed whom.
            ListView {
                id: whyView
                objectName: "whyView"
                clip: true
                model: root.controller.current.blame
                ScrollBar.vertical: ScrollBar {}
                header: ColumnLayout {
                    width: whyView.width - 24
                    x: 12
                    spacing: 6
                    Label {
                        Layout.topMargin: 12
                        Layout.fillWidth: true
                        text: root.controller.current.empty ? qsTr("Run an experiment: this tab says why it took as long as it did.")
                                                            : root.controller.current.schedule
                        wrapMode: Text.WordWrap
                        color: root.controller.current.empty ? palette.placeholderText : palette.windowText
                    }
                    Label {
                        Layout.topMargin: 6
                        Layout.fillWidth: true
                        visible: !root.controller.current.empty
                        text: whyView.count > 0 ? qsTr("What delayed whom (hover a bar to see its arrows):")
                                                : qsTr("Nothing held the loop while a task was ready to go on.")
                        font.bold: whyView.count > 0
                        wrapMode: Text.WordWrap
                    }
                }
                delegate: RowLayout {
                    required property var modelData
                    width: whyView.width - 24
                    x: 12
                    spacing: 8
                    Label {
                        Layout.alignment: Qt.AlignTop
                        Layout.preferredWidth: 64
                        text: modelData.delay
                        font.bold: true
                        color: "#7d4fc4"
                        horizontalAlignment: Text.AlignRight
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.bottomMargin: 6
                        text: modelData.sentence
                        wrapMode: Text.WordWrap
                    }
                }
            }

            ColumnLayout {
                spacing: 0
                ListView {
                    id: logView
                    objectName: "logView"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: root.controller.log
                    ScrollBar.vertical: ScrollBar {}
                    onCountChanged: positionViewAtEnd()
                    delegate: Label {
                        required property string modelData
                        width: ListView.view.width - 16
                        x: 8
                        wrapMode: Text.WordWrap
                        font.family: "DejaVu Sans Mono"
                        font.pixelSize: 11
                        text: modelData
                        color: modelData.indexOf("failed") >= 0 || modelData.indexOf("cannot") >= 0 ? "#cf222e" : palette.windowText
                    }
                }
                Button {
                    Layout.margins: 6
                    text: qsTr("Clear")
                    onClicked: root.controller.clearLog()
                }
            }

            HistoryList {
                controller: root.controller
            }
        }
    }
}
