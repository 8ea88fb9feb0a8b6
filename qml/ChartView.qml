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
    readonly property real chartWidth: gantt.width
    readonly property real chartHeight: gantt.height
    property alias gantt: gantt

    Rectangle { // the chart's own background below it too: one canvas
        anchors.fill: parent
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
    }

    Flickable {
        id: scroll
        anchors.fill: parent
        contentWidth: width
        contentHeight: gantt.height
        clip: true
        interactive: false // the chart pans and zooms itself; the wheel over it zooms
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: gantt.height > scroll.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
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
        }
    }

    ToolTip {
        parent: gantt
        visible: gantt.hoverText !== ""
        text: gantt.hoverText
        width: Math.min(implicitWidth, 560) // long lines (who delayed whom) wrap
        x: Math.min(gantt.hoverPos.x + 14, gantt.width - width - 4)
        y: gantt.hoverPos.y + 18
        delay: 0
        timeout: -1
    }

    RowLayout {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 10
        spacing: 6
        Label {
            visible: gantt.selectionText !== ""
            text: gantt.selectionText
            padding: 6
            background: Rectangle { color: palette.toolTipBase; border.color: palette.mid; radius: 4 }
        }
        // What the chart explains beside the bars; exports from the app follow the same choice.
        Repeater {
            model: root.options && root.run && !root.run.empty ? [
                { key: "blame", label: "Arrows", tip: "Blame arrows from what held the loop to the steps it delayed (+delay), and on hover the wake-up arrow from what made a step ready" },
                { key: "states", label: "States", tip: "The thin strip under each task: running · suspended · ready but waiting for the loop · holding the thread" },
                { key: "ideal", label: "Ideal", tip: "Dashed outlines where each step would be with zero overhead, each task's overhead, and the time if every blocking step were async" }
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
            visible: gantt.zoomed || gantt.selectionText !== ""
            text: "Fit"
            onClicked: { gantt.resetView(); gantt.clearSelection() }
            ToolTip.visible: hovered
            ToolTip.text: "Show the whole run again (or double-click the chart)"
        }
    }
}
